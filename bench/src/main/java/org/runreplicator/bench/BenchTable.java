package org.runreplicator.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two benchmark tables, generated inside PostgreSQL: twenty columns of the kinds a warehouse
 * table carries (ints, bigints, decimals of five precisions, dates, timestamps, short and long
 * varchar, nullable columns). {@code UNIFORM} keys are 1..N; {@code SKEWED} puts 80% of the rows
 * in the first 5% of the key range, the case where a stride split of [min, max] (Spark's
 * lowerBound/upperBound) loads one split with most of the table.
 */
enum BenchTable {
    UNIFORM("wide_uniform"),
    SKEWED("wide_skewed");

    static final String SCHEMA = "bench";
    static final String KEY = "id";

    private static final String COLUMNS = "id bigint PRIMARY KEY,"
            + " c_int integer NOT NULL,"
            + " c_small smallint NOT NULL,"
            + " c_big bigint NOT NULL,"
            + " c_qty integer,"
            + " c_dec_5_2 numeric(5,2) NOT NULL,"
            + " c_dec_9_3 numeric(9,3),"
            + " c_dec_12_2 numeric(12,2) NOT NULL,"
            + " c_dec_18_4 numeric(18,4) NOT NULL,"
            + " c_dec_38_10 numeric(38,10) NOT NULL,"
            + " c_date date NOT NULL,"
            + " c_ship_date date,"
            + " c_ts timestamp NOT NULL,"
            + " c_ts_ms timestamp(3) NOT NULL,"
            + " c_code varchar(8) NOT NULL,"
            + " c_status varchar(16) NOT NULL,"
            + " c_name varchar(64) NOT NULL,"
            + " c_note varchar(64),"
            + " c_text varchar(512) NOT NULL,"
            + " c_seq bigint NOT NULL";

    /** Every column but the key, as a function of the row number n (0-based). */
    private static final String VALUES = " (n * 7919) % 1000000,"
            + " n % 32000,"
            + " n * 2654435761,"
            + " CASE WHEN n % 10 < 3 THEN NULL ELSE n % 500 END,"
            + " ((n % 99999) - 49999) / 100.0,"
            + " CASE WHEN n % 7 = 0 THEN NULL ELSE (n % 999999999) / 1000.0 END,"
            + " (n % 100000000) / 100.0,"
            + " n * 12345.6789,"
            + " n * 1234567890.0123456789,"
            + " date '2000-01-01' + (n % 9000)::int,"
            + " CASE WHEN n % 5 = 0 THEN NULL ELSE date '1990-01-01' + (n % 12000)::int END,"
            + " timestamp '2020-01-01 00:00:00' + n * interval '37 seconds' + (n % 1000000) * interval '1 microsecond',"
            + " timestamp '2015-06-01 12:00:00' + (n % 100000) * interval '12345 milliseconds',"
            + " 'C' || lpad((n % 100000)::text, 6, '0'),"
            + " (ARRAY['NEW','OPEN','SHIPPED','CLOSED','RETURNED'])[n % 5 + 1],"
            + " 'customer ' || md5(n::text),"
            + " CASE WHEN n % 4 = 0 THEN NULL ELSE 'note ' || (n % 1000) END,"
            + " repeat(md5((n % 1000)::text), 1 + (n % 6)::int),"
            + " (n * n) % 1000000007";

    private final String name;

    BenchTable(String name) {
        this.name = name;
    }

    String tableName() {
        return name;
    }

    String qualified() {
        return SCHEMA + "." + name;
    }

    /** Drops and regenerates the table with {@code rows} rows, then freezes and analyzes it so no reader pays for hint bits. */
    void create(Connection connection, long rows) throws SQLException {
        if (rows % 5 != 0) {
            throw new IllegalArgumentException("Row count must be a multiple of 5 for the 80/5 skew: " + rows);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("DROP TABLE IF EXISTS " + qualified());
            st.execute("CREATE TABLE " + qualified() + " (" + COLUMNS + ")");
            st.execute("INSERT INTO " + qualified() + " SELECT " + keyExpression(rows) + "," + VALUES
                    + " FROM generate_series(0::bigint, " + (rows - 1) + "::bigint) AS g(n)");
            st.execute("VACUUM (FREEZE, ANALYZE) " + qualified());
        }
    }

    /**
     * Unique keys. Skewed: rows 0..0.8N-1 take keys 1..N (every 1.25), the remaining 0.2N rows
     * spread with stride 95 over N+1..20N, so 80% of the rows sit in 5% of the range.
     */
    private String keyExpression(long rows) {
        if (this == UNIFORM) {
            return "n + 1";
        }
        long dense = rows / 5 * 4;
        return "CASE WHEN n < " + dense + " THEN n * 5 / 4 + 1 ELSE " + (rows + 1) + " + (n - " + dense + ") * 95 END";
    }
}
