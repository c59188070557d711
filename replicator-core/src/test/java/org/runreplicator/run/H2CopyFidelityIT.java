package org.runreplicator.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.runreplicator.Secret;
import org.runreplicator.source.TableRef;

class H2CopyFidelityIT extends CopyFidelityContract {
    private static final String URL = "jdbc:h2:mem:h2_fidelity;DB_CLOSE_DELAY=-1";
    private static Connection keepAlive;

    @BeforeAll
    static void createTable() throws SQLException {
        keepAlive = DriverManager.getConnection(URL);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE SCHEMA FID");
            s.execute("CREATE TABLE FID.EVERY_TYPE (ID BIGINT PRIMARY KEY, C_TINYINT TINYINT, C_SMALLINT SMALLINT, C_INT INTEGER,"
                    + " C_BIGINT BIGINT, C_DEC9 DECIMAL(9,2), C_DEC18 DECIMAL(18,4), C_DEC38 DECIMAL(38,5), C_DEC38_0 NUMERIC(38,0),"
                    + " C_REAL REAL, C_DOUBLE DOUBLE PRECISION, C_BOOL BOOLEAN, C_DATE DATE, C_TIME TIME(6), C_TS TIMESTAMP(6),"
                    + " C_TSTZ TIMESTAMP(6) WITH TIME ZONE, C_CHAR CHAR(6), C_VARCHAR VARCHAR(100), C_CLOB CLOB,"
                    + " C_VARBINARY VARBINARY(100), C_UUID UUID, C_JSON JSON)");
            s.execute("INSERT INTO FID.EVERY_TYPE (ID) VALUES (0)");
            s.execute("INSERT INTO FID.EVERY_TYPE VALUES (-9223372036854775808, -128, -32768, -2147483648, -9223372036854775808,"
                    + " -9999999.99, -99999999999999.9999, -999999999999999999999999999999999.99999,"
                    + " -99999999999999999999999999999999999999, -3.4028235E38, -1.7976931348623157E308, FALSE,"
                    + " DATE '0001-01-01', TIME '00:00:00', TIMESTAMP '0001-01-01 00:00:00',"
                    + " TIMESTAMP WITH TIME ZONE '0001-01-01 00:00:00+00:00', 'a', '', '', X'00', '00000000-0000-0000-0000-000000000000',"
                    + " JSON '{}')");
            s.execute("INSERT INTO FID.EVERY_TYPE VALUES (9223372036854775807, 127, 32767, 2147483647, 9223372036854775807,"
                    + " 9999999.99, 99999999999999.9999, 999999999999999999999999999999999.99999,"
                    + " 99999999999999999999999999999999999999, 3.4028235E38, 1.7976931348623157E308, TRUE,"
                    + " DATE '9999-12-31', TIME '23:59:59.999999', TIMESTAMP '9999-12-31 23:59:59.999999',"
                    + " TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00:00', 'é😀', 'emoji 😀 and 𝄞 beyond the BMP', 'x',"
                    + " X'00ff00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', JSON '{\"ü\":\"😀\"}')");
            // A wall-clock time that does not exist in America/Los_Angeles (spring forward) must survive as written.
            s.execute("INSERT INTO FID.EVERY_TYPE (ID, C_TS, C_CHAR) VALUES (1, TIMESTAMP '2021-03-14 02:30:00.123456', 'pad   ')");
            s.execute("INSERT INTO FID.EVERY_TYPE SELECT X * 1000003,"
                    + " MOD(X, 256) - 128, MOD(X * 7, 65536) - 32768, X * 37 - 1000, X * X * 1000000007,"
                    + " CASE WHEN MOD(X, 10) = 0 THEN NULL ELSE CAST(X * 1.37 AS DECIMAL(9,2)) END,"
                    + " CAST(X * 12345.6789 AS DECIMAL(18,4)), CAST(X * 123456789012345.12345 AS DECIMAL(38,5)),"
                    + " CAST(X AS NUMERIC(38,0)) * 100000000000000000000,"
                    + " CAST(X / 7.0 AS REAL), X / 3.0, MOD(X, 2) = 0,"
                    + " DATEADD('DAY', X, DATE '1999-12-31'), DATEADD('MICROSECOND', X * 1234567, TIME '00:00:00'),"
                    + " DATEADD('MICROSECOND', X * 987654321, TIMESTAMP '2020-01-01 00:00:00'),"
                    + " DATEADD('MICROSECOND', X * 123456789, TIMESTAMP WITH TIME ZONE '2021-03-14 01:00:00-08:00'),"
                    + " CASE WHEN MOD(X, 10) = 1 THEN NULL ELSE CAST('c' || MOD(X, 100) AS CHAR(6)) END,"
                    + " 'v-' || X || ' 😀', REPEAT('ab', MOD(X, 50)), HASH('SHA-256', CAST(X AS VARCHAR)),"
                    + " RANDOM_UUID(), JSON_OBJECT('x': X) FROM SYSTEM_RANGE(1, " + GENERATED_ROWS + ")");
        }
        try (PreparedStatement p = keepAlive.prepareStatement("UPDATE FID.EVERY_TYPE SET C_CLOB = ? WHERE ID = 0")) {
            p.setString(1, BIG_TEXT);
            p.executeUpdate();
        }
    }

    @AfterAll
    static void dropTable() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        keepAlive.close();
    }

    @Override
    Connection source() throws SQLException {
        return DriverManager.getConnection(URL);
    }

    @Override
    String jdbcUrl() {
        return URL;
    }

    @Override
    String user() {
        return null;
    }

    @Override
    Secret password() {
        return null;
    }

    @Override
    TableRef table() {
        return new TableRef("fid", "every_type");
    }
}
