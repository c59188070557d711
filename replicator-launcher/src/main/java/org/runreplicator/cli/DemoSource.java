package org.runreplicator.cli;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.runreplicator.source.TableRef;

/**
 * The demo's source: an in-memory H2 database holding {@code dev1_groupondw.ref_attr_class_dev},
 * shaped like a warehouse reference table (integer key, decimals of two scales, dates, a
 * microsecond timestamp, CHAR and VARCHAR, nullable columns with NULLs), filled
 * deterministically by one INSERT ... SELECT over SYSTEM_RANGE. The database lives while this
 * object holds its connection open, so the copy's own connections find it.
 */
final class DemoSource implements AutoCloseable {
    static final TableRef TABLE = new TableRef("dev1_groupondw", "ref_attr_class_dev");
    static final String USER = "sa";

    private static final String CREATE_TABLE = "CREATE TABLE dev1_groupondw.ref_attr_class_dev ("
            + " attr_class_id INTEGER NOT NULL PRIMARY KEY,"
            + " attr_class_code CHAR(10) NOT NULL,"
            + " attr_class_name VARCHAR(100) NOT NULL,"
            + " parent_class_id INTEGER,"
            + " list_price DECIMAL(18,4) NOT NULL,"
            + " conversion_rate DECIMAL(38,10),"
            + " effective_date DATE NOT NULL,"
            + " expiry_date DATE,"
            + " last_updated_ts TIMESTAMP(6) NOT NULL,"
            + " is_active CHAR(1) NOT NULL,"
            + " description VARCHAR(500))";

    // Every value is a function of X alone, so the same row count always gives the same table.
    private static final String FILL = "INSERT INTO dev1_groupondw.ref_attr_class_dev SELECT"
            + " X,"
            + " 'AC' || LPAD(CAST(X AS VARCHAR), 8, '0'),"
            + " 'Attribute class ' || X,"
            + " CASE WHEN MOD(X, 10) = 0 THEN NULL ELSE CAST(X / 10 + 1 AS INTEGER) END,"
            + " CAST(MOD(X * 7919, 100000000) / 10000.0 AS DECIMAL(18,4)),"
            + " CASE WHEN MOD(X, 7) = 0 THEN NULL ELSE CAST(CAST(X AS DECIMAL(38,10)) / 3 AS DECIMAL(38,10)) END,"
            + " DATEADD(DAY, MOD(X, 3650), DATE '2015-01-01'),"
            + " CASE WHEN MOD(X, 3) = 0 THEN NULL ELSE DATEADD(DAY, MOD(X, 3650) + 365, DATE '2015-01-01') END,"
            + " DATEADD(MICROSECOND, X * 987654321, TIMESTAMP '2020-01-01 00:00:00'),"
            + " CASE WHEN MOD(X, 5) = 0 THEN 'N' ELSE 'Y' END,"
            + " CASE WHEN MOD(X, 4) = 0 THEN NULL ELSE 'Reference attribute class number ' || X END"
            + " FROM SYSTEM_RANGE(1, %d)";

    private final String jdbcUrl;
    private final Connection keepAlive;

    private DemoSource(String jdbcUrl, Connection keepAlive) {
        this.jdbcUrl = jdbcUrl;
        this.keepAlive = keepAlive;
    }

    /** Creates a fresh database with {@code rows} rows. */
    static DemoSource create(int rows) throws SQLException {
        String url = "jdbc:h2:mem:replicator_demo_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        Connection connection = DriverManager.getConnection(url, USER, "");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA dev1_groupondw");
            s.execute(CREATE_TABLE);
            s.executeUpdate(String.format(FILL, rows));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new DemoSource(url, connection);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    long rowCount() throws SQLException {
        try (Statement s = keepAlive.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dev1_groupondw.ref_attr_class_dev")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Closing the last connection drops the in-memory database. */
    @Override
    public void close() throws SQLException {
        keepAlive.close();
    }
}
