package org.runreplicator.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.SplitCoverage;

class RangeSplitSkewTest {
    private static final int ROWS = 20_000;
    private static final int SPLITS = 8;
    private static final long KEY_RANGE = 1_000_000;

    @Test
    void rangeSplitsStayBalanced_whenEightyPercentOfRowsSitInFivePercentOfTheKeyRange() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:skew", "sa", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA SKEW");
                st.execute("CREATE TABLE SKEW.ORDERS (ID BIGINT PRIMARY KEY, AMOUNT INTEGER)");
            }
            Random random = new Random(42);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO SKEW.ORDERS VALUES (?, 1)")) {
                Set<Long> used = new HashSet<>();
                while (used.size() < ROWS) {
                    long hot = KEY_RANGE / 20;
                    long id = used.size() < ROWS * 8 / 10 ? random.nextInt((int) hot) : hot + random.nextInt((int) (KEY_RANGE - hot));
                    if (used.add(id)) {
                        ps.setLong(1, id);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            H2Dialect dialect = new H2Dialect();
            SourceTable table = dialect.describe(c, new TableRef("skew", "orders"));
            // A sample smaller than the table, so the boundaries come from a random sample, not the whole column.
            SplitPlan plan = new SplitPlanner(5_000, 0).plan(c, dialect, table, new SplitRequest(SplitMethod.RANGE, null, SPLITS, null));

            List<Long> rows = SplitCoverage.of(c, dialect, table, plan, null, "ID").rowsPerSplit();
            double mean = (double) ROWS / rows.size();
            assertThat(plan.splits()).hasSize(SPLITS);
            assertThat(rows.stream().mapToLong(Long::longValue).max().getAsLong()).isLessThanOrEqualTo((long) (1.5 * mean));

            List<Long> stride = naiveStrideCounts(c);
            assertThat(stride.stream().mapToLong(Long::longValue).max().getAsLong()).isGreaterThan((long) (1.5 * ROWS / SPLITS));
        }
    }

    /** What a min/max stride (Spark's JDBC partitioning) would give: equal-width ranges between the extremes. */
    private static List<Long> naiveStrideCounts(Connection c) throws Exception {
        long min;
        long max;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MIN(ID), MAX(ID) FROM SKEW.ORDERS")) {
            rs.next();
            min = rs.getLong(1);
            max = rs.getLong(2);
        }
        long width = (max - min) / SPLITS + 1;
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < SPLITS; i++) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM SKEW.ORDERS WHERE ID >= "
                    + (min + i * width) + " AND ID < " + (min + (i + 1) * width))) {
                rs.next();
                counts.add(rs.getLong(1));
            }
        }
        return counts;
    }
}
