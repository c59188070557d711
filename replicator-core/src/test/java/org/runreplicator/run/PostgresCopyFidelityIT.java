package org.runreplicator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.Secret;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.PostgresServer;

@ExtendWith(PostgresServer.Extension.class)
class PostgresCopyFidelityIT extends CopyFidelityContract {
    private static PostgresServer server;
    private static String database;

    @BeforeAll
    static void createTable(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("fidelity");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA fid");
            s.execute("CREATE TABLE fid.every_type (id bigint PRIMARY KEY, c_smallint smallint, c_int integer, c_bigint bigint,"
                    + " c_dec9 numeric(9,2), c_dec18 numeric(18,4), c_dec38 numeric(38,5), c_dec38_0 numeric(38,0),"
                    + " c_real real, c_double double precision, c_bool boolean, c_date date, c_time time(6), c_ts timestamp(6),"
                    + " c_tstz timestamptz(6), c_char char(6), c_varchar varchar(100), c_text text, c_bytea bytea, c_uuid uuid,"
                    + " c_json jsonb, c_interval interval)");
            s.execute("INSERT INTO fid.every_type (id) VALUES (0)");
            s.execute("INSERT INTO fid.every_type VALUES (-9223372036854775808, -32768, -2147483648, -9223372036854775808,"
                    + " -9999999.99, -99999999999999.9999, -999999999999999999999999999999999.99999,"
                    + " -99999999999999999999999999999999999999, -3.4028235e38, -1.7976931348623157e308, false,"
                    + " '0001-01-01', '00:00:00', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', 'a', '', '', '\\x00',"
                    + " '00000000-0000-0000-0000-000000000000', '{}', '-178000000 years')");
            s.execute("INSERT INTO fid.every_type VALUES (9223372036854775807, 32767, 2147483647, 9223372036854775807,"
                    + " 9999999.99, 99999999999999.9999, 999999999999999999999999999999999.99999,"
                    + " 99999999999999999999999999999999999999, 3.4028235e38, 1.7976931348623157e308, true,"
                    + " '9999-12-31', '23:59:59.999999', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00', 'é😀',"
                    + " 'emoji 😀 and 𝄞 beyond the BMP', 'x', '\\x00ff00', 'ffffffff-ffff-ffff-ffff-ffffffffffff',"
                    + " '{\"ü\": \"😀\"}', '1 day 02:03:04.5')");
            // A wall-clock time that does not exist in America/Los_Angeles (spring forward) must survive as written.
            s.execute("INSERT INTO fid.every_type (id, c_ts, c_char) VALUES (1, '2021-03-14 02:30:00.123456', 'pad   ')");
            s.execute("INSERT INTO fid.every_type SELECT x * 1000003, (x * 7) % 65536 - 32768, x * 37 - 1000, x * x * 1000000007,"
                    + " CASE WHEN x % 10 = 0 THEN NULL ELSE round(x * 1.37, 2) END, round(x * 12345.6789, 4),"
                    + " round(x * 123456789012345.12345, 5), x::numeric * 100000000000000000000, (x / 7.0)::real, x / 3.0::float8,"
                    + " x % 2 = 0, date '1999-12-31' + x::int, time '00:00:00' + x * interval '1.234567 second',"
                    + " timestamp '2020-01-01' + x * interval '987.654321 second',"
                    + " timestamptz '2021-03-14 01:00:00-08' + x * interval '123.456789 second',"
                    + " CASE WHEN x % 10 = 1 THEN NULL ELSE 'c' || (x % 100) END, 'v-' || x || ' 😀', repeat('ab', (x % 50)::int),"
                    + " sha256(x::text::bytea), md5(x::text)::uuid, jsonb_build_object('x', x), x * interval '1 minute'"
                    + " FROM generate_series(1::bigint, " + GENERATED_ROWS + ") AS x");
        }
        try (Connection c = pg.connect(database);
                PreparedStatement p = c.prepareStatement("UPDATE fid.every_type SET c_text = ? WHERE id = 0")) {
            p.setString(1, BIG_TEXT);
            p.executeUpdate();
        }
    }

    @Override
    Connection source() throws SQLException {
        return server.connect(database);
    }

    @Override
    String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    @Override
    String user() {
        return server.user();
    }

    @Override
    Secret password() {
        return Secret.of(server.password());
    }

    @Override
    TableRef table() {
        return new TableRef("fid", "every_type");
    }
}
