package org.runreplicator.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.runreplicator.source.Dialects;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.Split;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.split.SplitPlan;
import org.runreplicator.split.SplitPlanner;
import org.runreplicator.split.SplitRequest;

/**
 * The raw limit: plans the splits with Run Replicator's own planner and dialect, runs exactly
 * its split SELECTs on {@code connections} concurrent sessions, fetches every column of every
 * row and throws it away. No extractor reading this source over JDBC can be faster.
 *
 * <p>Arguments: URL USER SCHEMA TABLE SPLIT_BY SPLITS CONNECTIONS FETCH_SIZE; the password comes
 * from {@code BENCH_PGPASSWORD}. Prints one JSON line: rows, splitRows, seconds, keySum.
 */
public final class RawDrain {
    private RawDrain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        TableRef ref = new TableRef(args[2], args[3]);
        String splitBy = args[4];
        int splits = Integer.parseInt(args[5]);
        int connections = Integer.parseInt(args[6]);
        int fetchSize = Integer.parseInt(args[7]);
        SourceDialect dialect = Dialects.forUrl(url);
        Properties properties = dialect.defaultConnectionProperties();
        properties.setProperty("user", args[1]);
        properties.setProperty("password", System.getenv("BENCH_PGPASSWORD"));

        long start = System.nanoTime();
        SourceTable table;
        SplitPlan plan;
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            table = dialect.describe(connection, ref);
            plan = new SplitPlanner().plan(connection, dialect, table, new SplitRequest(SplitMethod.RANGE, splitBy, splits, null));
        }
        List<Long> splitRows = new ArrayList<>();
        long rows = 0;
        long keySum = 0;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<long[]>> drained = new ArrayList<>();
            for (Split split : plan.splits()) {
                String sql = dialect.selectSql(table, split.predicate(), null);
                drained.add(pool.submit(() -> drain(url, properties, dialect, sql, fetchSize)));
            }
            for (Future<long[]> f : drained) {
                long[] result = f.get();
                splitRows.add(result[0]);
                rows += result[0];
                keySum += result[1];
            }
        } finally {
            // A failed split must not leave the others' threads keeping the process alive.
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("{\"rows\":" + rows + ",\"splitRows\":["
                + splitRows.stream().map(String::valueOf).collect(Collectors.joining(",")) + "],\"seconds\":" + seconds
                + ",\"keySum\":" + keySum + "}");
    }

    /** Rows read and the sum of the first column (the key), which proves the values were fetched. */
    private static long[] drain(String url, Properties properties, SourceDialect dialect, String sql, int fetchSize)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            dialect.prepareForRead(connection);
            try (PreparedStatement st = dialect.streamingStatement(connection, sql, fetchSize);
                 ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                long rows = 0;
                long keySum = 0;
                while (rs.next()) {
                    keySum += ((Number) rs.getObject(1)).longValue();
                    for (int i = 2; i <= columns; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
                connection.commit();
                return new long[] {rows, keySum};
            }
        }
    }
}
