package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSourceTest {

    @Test
    void createsTheRequestedRows_withWarehouseColumnTypes() throws SQLException {
        try (DemoSource source = DemoSource.create(200_000);
                Connection c = DriverManager.getConnection(source.jdbcUrl(), DemoSource.USER, "")) {
            assertThat(source.rowCount()).isEqualTo(200_000);
            assertThat(columns(c)).containsExactly(
                    "ATTR_CLASS_ID INTEGER 32 0 NO",
                    "ATTR_CLASS_CODE CHARACTER 10 0 NO",
                    "ATTR_CLASS_NAME CHARACTER VARYING 100 0 NO",
                    "PARENT_CLASS_ID INTEGER 32 0 YES",
                    "LIST_PRICE NUMERIC 18 4 NO",
                    "CONVERSION_RATE NUMERIC 38 10 YES",
                    "EFFECTIVE_DATE DATE 0 0 NO",
                    "EXPIRY_DATE DATE 0 0 YES",
                    "LAST_UPDATED_TS TIMESTAMP 6 0 NO",
                    "IS_ACTIVE CHARACTER 1 0 NO",
                    "DESCRIPTION CHARACTER VARYING 500 0 YES");
            assertThat(query(c, "SELECT COUNT(*) FROM dev1_groupondw.ref_attr_class_dev WHERE conversion_rate IS NULL"))
                    .isEqualTo(List.of("28571"));
            assertThat(query(c, "SELECT COUNT(*) FROM dev1_groupondw.ref_attr_class_dev WHERE parent_class_id IS NULL"))
                    .isEqualTo(List.of("20000"));
            assertThat(query(c, "SELECT COUNT(*) FROM dev1_groupondw.ref_attr_class_dev WHERE description IS NULL"))
                    .isEqualTo(List.of("50000"));
            assertThat(query(c, "SELECT COUNT(*) FROM dev1_groupondw.ref_attr_class_dev WHERE expiry_date IS NULL"))
                    .isEqualTo(List.of("66666"));
        }
    }

    @Test
    void rowsAreDeterministic_withMicrosecondTimestampsAndScaledDecimals() throws SQLException {
        String sql = "SELECT * FROM dev1_groupondw.ref_attr_class_dev WHERE attr_class_id IN (1, 7, 1000) ORDER BY 1";
        List<String> first;
        try (DemoSource source = DemoSource.create(1_000); Connection c = DriverManager.getConnection(source.jdbcUrl(), DemoSource.USER, "")) {
            first = query(c, sql);
        }
        try (DemoSource source = DemoSource.create(1_000); Connection c = DriverManager.getConnection(source.jdbcUrl(), DemoSource.USER, "")) {
            assertThat(query(c, sql)).isEqualTo(first);
        }
        assertThat(first).containsExactly(
                "1|AC00000001|Attribute class 1|1|0.7919|0.3333333333|2015-01-02|2016-01-02|2020-01-01 00:16:27.654321|Y|Reference attribute class number 1",
                "7|AC00000007|Attribute class 7|1|5.5433|null|2015-01-08|2016-01-08|2020-01-01 01:55:13.580247|Y|Reference attribute class number 7",
                "1000|AC00001000|Attribute class 1000|null|791.9000|333.3333333333|2017-09-27|2018-09-27|2020-01-12 10:20:54.321|N|null");
    }

    @Test
    void closingTheSourceDropsTheDatabase() throws SQLException {
        DemoSource source = DemoSource.create(10);
        String url = source.jdbcUrl();
        source.close();

        assertThatThrownBy(() -> DriverManager.getConnection(url + ";IFEXISTS=TRUE", DemoSource.USER, "").close())
                .isInstanceOf(SQLException.class);
    }

    private static List<String> columns(Connection c) throws SQLException {
        return query(c, "SELECT COLUMN_NAME || ' ' || DATA_TYPE || ' ' || COALESCE(NUMERIC_PRECISION, CHARACTER_MAXIMUM_LENGTH, DATETIME_PRECISION)"
                + " || ' ' || COALESCE(NUMERIC_SCALE, 0) || ' ' || IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'DEV1_GROUPONDW' AND TABLE_NAME = 'REF_ATTR_CLASS_DEV' ORDER BY ORDINAL_POSITION");
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
