package org.runreplicator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.testing.TeradataH2Fixture.Column;
import org.runreplicator.testing.TeradataH2Fixture;

class DescribeTest {
    @Test
    void h2DescribeResolvesNamesTypedInAnyCase_andKeepsUnderscoresLiteral() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:describe", "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA SALES");
            st.execute("CREATE TABLE SALES.ORDER_LINES (ID BIGINT, QTY INTEGER, PRIMARY KEY (QTY, ID))");
            st.execute("CREATE TABLE SALES.ORDERXLINES (OTHER INTEGER)");
            st.execute("CREATE TABLE SALES.\"Mixed\" (\"VA%UE\" NUMERIC(12,3) NOT NULL, \"two words\" CHARACTER VARYING(20))");
            H2Dialect h2 = new H2Dialect();

            SourceTable lines = h2.describe(c, new TableRef("sales", "order_lines"));
            assertThat(lines.ref()).isEqualTo(new TableRef("SALES", "ORDER_LINES"));
            assertThat(lines.columns()).extracting(SourceColumn::name).containsExactly("ID", "QTY");
            assertThat(lines.keyColumns()).containsExactly("QTY", "ID");

            SourceTable mixed = h2.describe(c, new TableRef("Sales", "MIXED"));
            assertThat(mixed.ref().table()).isEqualTo("Mixed");
            assertThat(mixed.columns()).extracting(SourceColumn::toString).containsExactly("VA%UE NUMERIC(12,3)", "two words CHARACTER VARYING(20)");
            assertThat(mixed.columns().get(0).nullable()).isFalse();
            assertThat(mixed.columns().get(0).jdbcType()).isEqualTo(Types.NUMERIC);
            assertThat(mixed.keyColumns()).isEmpty();

            assertThatThrownBy(() -> h2.describe(c, new TableRef("sales", "missing")))
                    .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                    .hasMessage("Cannot read table sales.missing: it does not exist or is not visible to user SA");
        }
    }

    @Test
    void h2ReadTransactionIsRepeatableReadWithoutAutocommit() throws SQLException {
        // H2 takes setReadOnly as a hint and reports only whether the whole database is read-only, so that is not asserted.
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:isolation", "sa", "")) {
            new H2Dialect().prepareForRead(c);
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            try (var ps = new H2Dialect().streamingStatement(c, "SELECT 1", 123); ResultSet rs = ps.executeQuery()) {
                assertThat(ps.getFetchSize()).isEqualTo(123);
                assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
                assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
            }
        }
    }

    @Test
    void teradataDescribeReadsTheDictionary_forEveryTypeCodeInTheVocabulary() throws SQLException {
        List<Column> columns = List.of(
                Column.dictionaryOnly("B1", "I1", 1, 0, 0, 0, true),
                Column.dictionaryOnly("S2", "I2", 2, 0, 0, 0, true),
                Column.dictionaryOnly("I4", "I ", 4, 0, 0, 0, false),
                Column.dictionaryOnly("I8", "I8", 8, 0, 0, 0, true),
                Column.dictionaryOnly("DEC", "D ", 16, 38, 10, 0, true),
                Column.dictionaryOnly("NUM_STAR", "N ", 18, -128, -128, 0, true),
                Column.dictionaryOnly("NUM", "N ", 18, 20, 4, 0, true),
                Column.dictionaryOnly("FL", "F ", 8, 0, 0, 0, true),
                Column.dictionaryOnly("DT", "DA", 4, 0, 0, 0, true),
                Column.dictionaryOnly("TM", "AT", 15, 0, 6, 0, true),
                Column.dictionaryOnly("TMZ", "TZ", 21, 0, 3, 0, true),
                Column.dictionaryOnly("TSP", "TS", 26, 0, 6, 0, true),
                Column.dictionaryOnly("TSZ", "SZ", 32, 0, 0, 0, true),
                Column.dictionaryOnly("LATIN_CHAR", "CF", 10, 0, 0, 1, true),
                Column.dictionaryOnly("UNI_VARCHAR", "CV", 200, 0, 0, 2, true),
                Column.dictionaryOnly("CLOB_COL", "CO", 2_097_088_000, 0, 0, 1, true),
                Column.dictionaryOnly("BYTES", "BF", 16, 0, 0, 0, true),
                Column.dictionaryOnly("VBYTES", "BV", 100, 0, 0, 0, true),
                Column.dictionaryOnly("BLOB_COL", "BO", 1000, 0, 0, 0, true),
                Column.dictionaryOnly("PD", "PD", 8, 0, 0, 0, true),
                Column.dictionaryOnly("PT", "PT", 12, 0, 6, 0, true),
                Column.dictionaryOnly("PZ", "PZ", 16, 0, 6, 0, true),
                Column.dictionaryOnly("PS", "PS", 20, 0, 6, 0, true),
                Column.dictionaryOnly("PM", "PM", 24, 0, 6, 0, true),
                Column.dictionaryOnly("YR", "YR", 2, 4, 0, 0, true),
                Column.dictionaryOnly("YM", "YM", 4, 2, 0, 0, true),
                Column.dictionaryOnly("MO", "MO", 2, 2, 0, 0, true),
                Column.dictionaryOnly("DY", "DY", 2, 2, 0, 0, true),
                Column.dictionaryOnly("DH", "DH", 4, 2, 0, 0, true),
                Column.dictionaryOnly("DM", "DM", 6, 2, 0, 0, true),
                Column.dictionaryOnly("DS", "DS", 10, 2, 6, 0, true),
                Column.dictionaryOnly("HR", "HR", 2, 2, 0, 0, true),
                Column.dictionaryOnly("HM", "HM", 4, 2, 0, 0, true),
                Column.dictionaryOnly("HS", "HS", 8, 2, 6, 0, true),
                Column.dictionaryOnly("MI", "MI", 2, 2, 0, 0, true),
                Column.dictionaryOnly("MS", "MS", 6, 2, 6, 0, true),
                Column.dictionaryOnly("SC", "SC", 4, 2, 6, 0, true),
                Column.dictionaryOnly("JS", "JN", 16_000, 0, 0, 1, true),
                Column.dictionaryOnly("XMLCOL", "XM", 2_097_088_000, 0, 0, 0, true));
        try (TeradataH2Fixture fixture = TeradataH2Fixture.open()) {
            fixture.register(new TeradataH2Fixture.Table("Sales", "AllTypes", columns, List.of("I4", "I8"), "1"));
            SourceTable table = new TeradataDialect().describe(fixture.connection(), new TableRef("SALES", "alltypes"));

            assertThat(table.ref()).isEqualTo(new TableRef("Sales", "AllTypes"));
            assertThat(table.keyColumns()).containsExactly("I4", "I8");
            assertThat(table.partitioned()).isTrue();
            assertThat(table.columns()).extracting(SourceColumn::typeName).containsExactly(
                    "BYTEINT", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "NUMBER", "NUMBER", "FLOAT", "DATE", "TIME",
                    "TIME WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "CHAR", "VARCHAR", "CLOB", "BYTE", "VARBYTE",
                    "BLOB", "PERIOD(DATE)", "PERIOD(TIME)", "PERIOD(TIME WITH TIME ZONE)", "PERIOD(TIMESTAMP)",
                    "PERIOD(TIMESTAMP WITH TIME ZONE)", "INTERVAL YEAR", "INTERVAL YEAR TO MONTH", "INTERVAL MONTH", "INTERVAL DAY",
                    "INTERVAL DAY TO HOUR", "INTERVAL DAY TO MINUTE", "INTERVAL DAY TO SECOND", "INTERVAL HOUR",
                    "INTERVAL HOUR TO MINUTE", "INTERVAL HOUR TO SECOND", "INTERVAL MINUTE", "INTERVAL MINUTE TO SECOND",
                    "INTERVAL SECOND", "JSON", "XML");
            assertThat(table.columns()).extracting(SourceColumn::jdbcType).containsExactly(
                    Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.NUMERIC, Types.FLOAT,
                    Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.CHAR,
                    Types.VARCHAR, Types.CLOB, Types.BINARY, Types.VARBINARY, Types.BLOB, Types.STRUCT, Types.STRUCT, Types.STRUCT,
                    Types.STRUCT, Types.STRUCT, Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER,
                    Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.CLOB, Types.SQLXML);
            assertThat(table.column("DEC").orElseThrow()).extracting(SourceColumn::precision, SourceColumn::scale).containsExactly(38, 10);
            assertThat(table.column("NUM_STAR").orElseThrow()).extracting(SourceColumn::precision, SourceColumn::scale).containsExactly(0, 0);
            assertThat(table.column("UNI_VARCHAR").orElseThrow().precision()).isEqualTo(100);
            assertThat(table.column("LATIN_CHAR").orElseThrow().precision()).isEqualTo(10);
            assertThat(table.column("VBYTES").orElseThrow().precision()).isEqualTo(100);
            assertThat(table.column("TSP").orElseThrow().scale()).isEqualTo(6);
            assertThat(table.column("TMZ").orElseThrow().scale()).isEqualTo(3);
            assertThat(table.column("DS").orElseThrow()).extracting(SourceColumn::precision, SourceColumn::scale).containsExactly(2, 6);
            assertThat(table.column("I4").orElseThrow().nullable()).isFalse();
            assertThat(table.columns()).extracting(SourceColumn::position).startsWith(1, 2, 3).endsWith(columns.size());
        }
    }

    @Test
    void teradataDescribeFailsClearly_forAMissingTableAndAnUnsupportedType() throws SQLException {
        try (TeradataH2Fixture fixture = TeradataH2Fixture.open()) {
            fixture.register(new TeradataH2Fixture.Table("Sales", "Shapes",
                    List.of(Column.dictionaryOnly("AREA", "UT", 100, 0, 0, 0, true)), List.of(), null));
            TeradataDialect teradata = new TeradataDialect();
            assertThatThrownBy(() -> teradata.describe(fixture.connection(), new TableRef("sales", "nothing")))
                    .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                    .hasMessage("Cannot read table sales.nothing: it does not exist or is not visible to user " + TeradataH2Fixture.USER.toUpperCase());
            assertThatThrownBy(() -> teradata.describe(fixture.connection(), new TableRef("sales", "shapes")))
                    .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                    .hasMessageStartingWith("Cannot read table Sales.Shapes: column AREA has unsupported Teradata type code 'UT'");
        }
    }
}
