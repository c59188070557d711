package org.runreplicator.split;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;

/**
 * Range splits with equi-depth boundaries: quantiles of a sample of the key, not a min/max
 * stride. A stride over a skewed key puts most rows in a few splits, and Spark's JDBC source
 * also dumps every out-of-range and NULL row into its first or last partition. Here splits are
 * half-open ({@code col < b1}, {@code col >= b1 AND col < b2}, ..., {@code col >= bn}) so values
 * beyond the sample's extremes are still covered, and NULL keys get their own split.
 */
final class RangeSplitter {
    private final Connection connection;
    private final SourceDialect dialect;
    private final SourceTable table;
    private final String userWhere;
    private final UnaryOperator<String> locked;

    /** @param locked adds the run's lock to each query ({@link SourceDialect#withLock}) */
    RangeSplitter(Connection connection, SourceDialect dialect, SourceTable table, String userWhere, UnaryOperator<String> locked) {
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.userWhere = userWhere;
        this.locked = locked;
    }

    List<Split> split(SourceColumn column, RangeKey key, int splits, long rows, int sampleSize) throws SQLException {
        String quoted = dialect.quote(column.name());
        long nulls = column.nullable() ? SplitPlanner.count(connection,
                locked.apply(dialect.countSql(table, quoted + " IS NULL", userWhere))) : 0;
        long nonNull = Math.max(0, rows - nulls);
        List<Comparable<Object>> sample = sample(column, key, sampleSize, nonNull);
        List<Comparable<Object>> boundaries = boundaries(sample, splits);

        List<Split> result = new ArrayList<>();
        if (boundaries.isEmpty()) {
            result.add(new Split(0, nulls > 0 ? quoted + " IS NOT NULL" : null, nonNull));
        } else {
            long[] perRange = sampledPerRange(sample, boundaries);
            for (int i = 0; i <= boundaries.size(); i++) {
                String lower = i == 0 ? null : quoted + " >= " + key.literal(boundaries.get(i - 1));
                String upper = i == boundaries.size() ? null : quoted + " < " + key.literal(boundaries.get(i));
                String predicate = lower == null ? upper : upper == null ? lower : lower + " AND " + upper;
                result.add(new Split(i, predicate, Math.round((double) perRange[i] * nonNull / sample.size())));
            }
        }
        if (nulls > 0) {
            result.add(new Split(result.size(), quoted + " IS NULL", nulls));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private List<Comparable<Object>> sample(SourceColumn column, RangeKey key, int sampleSize, long nonNull) throws SQLException {
        List<Comparable<Object>> values = new ArrayList<>();
        String sql = locked.apply(dialect.sampleSql(table, column.name(), sampleSize, nonNull, userWhere));
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Comparable<?> value = key.read(rs);
                if (value != null) {
                    values.add((Comparable<Object>) value);
                }
            }
        }
        Collections.sort(values);
        return values;
    }

    /**
     * Up to {@code splits - 1} distinct boundaries at equal steps through the sorted sample. A
     * boundary equal to the smallest sampled value is dropped: it would leave the first split
     * with only the rows below the sample.
     */
    static List<Comparable<Object>> boundaries(List<Comparable<Object>> sorted, int splits) {
        List<Comparable<Object>> boundaries = new ArrayList<>();
        int m = sorted.size();
        for (int k = 1; k < splits && m > 0; k++) {
            Comparable<Object> candidate = sorted.get((int) ((long) k * m / splits));
            Comparable<Object> previous = boundaries.isEmpty() ? sorted.get(0) : boundaries.get(boundaries.size() - 1);
            if (candidate.compareTo(previous) > 0) {
                boundaries.add(candidate);
            }
        }
        return boundaries;
    }

    /** How many sampled values fall in each of the {@code boundaries.size() + 1} ranges. */
    private static long[] sampledPerRange(List<Comparable<Object>> sorted, List<Comparable<Object>> boundaries) {
        long[] counts = new long[boundaries.size() + 1];
        int range = 0;
        for (Comparable<Object> value : sorted) {
            while (range < boundaries.size() && value.compareTo(boundaries.get(range)) >= 0) {
                range++;
            }
            counts[range]++;
        }
        return counts;
    }
}
