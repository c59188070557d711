package org.runreplicator.split;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.runreplicator.source.BucketExpression;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;

/**
 * Hash and partition splits: cuts the bucket interval [min, max] of a {@link BucketExpression}
 * into contiguous ranges that tile it, so every row (whose bucket always lies in it) is in
 * exactly one split. Skewed buckets (AMPs, partitions) are counted first and grouped into
 * ranges of about equal rows; uniform ones (a hash modulo N) are cut into equal widths.
 */
final class BucketSplitter {
    /** An inclusive range of buckets and the rows expected in it. */
    static final class Bin {
        final long lo;
        final long hi;
        final long rows;

        Bin(long lo, long hi, long rows) {
            this.lo = lo;
            this.hi = hi;
            this.rows = rows;
        }
    }

    private BucketSplitter() {
    }

    static List<Split> split(Connection connection, SourceDialect dialect, SourceTable table, BucketExpression buckets,
                             int splits, long rows, String userWhere, UnaryOperator<String> locked) throws SQLException {
        List<Bin> bins = buckets.skewed()
                ? byCount(countPerBucket(connection, locked.apply(dialect.bucketCountSql(table, buckets, userWhere))), splits,
                        buckets.min(), buckets.max())
                : equalWidths(buckets.min(), buckets.max(), splits, rows);
        List<Split> result = new ArrayList<>();
        for (Bin bin : bins) {
            result.add(new Split(result.size(), bins.size() == 1 ? null : predicate(buckets, bin), bin.rows));
        }
        return result;
    }

    private static TreeMap<Long, Long> countPerBucket(Connection connection, String sql) throws SQLException {
        TreeMap<Long, Long> counts = new TreeMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.merge(rs.getLong(1), rs.getLong(2), Long::sum);
            }
        }
        return counts;
    }

    /**
     * Groups counted buckets, in order, into at most {@code splits} runs whose row counts are
     * close to equal: a run closes once the rows so far reach the next multiple of total/splits,
     * or when each remaining split needs one of the remaining buckets. Runs are widened to tile
     * [min, max], so buckets with no rows now still belong to a split.
     */
    static List<Bin> byCount(TreeMap<Long, Long> counts, int splits, long min, long max) {
        List<Bin> bins = new ArrayList<>();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        int n = Math.max(1, Math.min(splits, counts.size()));
        long lo = min;
        long rowsInBin = 0;
        long cumulative = 0;
        int remainingBuckets = counts.size();
        for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
            rowsInBin += bucket.getValue();
            cumulative += bucket.getValue();
            remainingBuckets--;
            int open = n - bins.size() - 1;
            boolean reachedShare = (double) cumulative >= (double) total * (bins.size() + 1) / n;
            if (open > 0 && remainingBuckets > 0 && (reachedShare || remainingBuckets == open)) {
                bins.add(new Bin(lo, bucket.getKey(), rowsInBin));
                lo = bucket.getKey() + 1;
                rowsInBin = 0;
            }
        }
        bins.add(new Bin(lo, max, rowsInBin));
        return bins;
    }

    /** {@code splits} ranges of (nearly) equal width over [min, max], each expecting rows/splits rows. */
    static List<Bin> equalWidths(long min, long max, int splits, long rows) {
        BigInteger size = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
        int n = (int) Math.min(splits, size.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue());
        List<Bin> bins = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long lo = min + size.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(n)).longValue();
            long hi = min + size.multiply(BigInteger.valueOf(k + 1L)).divide(BigInteger.valueOf(n)).longValue() - 1;
            bins.add(new Bin(lo, hi, Math.round((double) rows / n)));
        }
        return bins;
    }

    /** The bin as a predicate on the bucket expression; ends at the interval's bounds are left open. */
    static String predicate(BucketExpression buckets, Bin bin) {
        String expr = buckets.sql();
        if (bin.lo == bin.hi) {
            return expr + " = " + bin.lo;
        }
        if (bin.lo == buckets.min()) {
            return expr + " <= " + bin.hi;
        }
        if (bin.hi == buckets.max()) {
            return expr + " >= " + bin.lo;
        }
        return expr + " BETWEEN " + bin.lo + " AND " + bin.hi;
    }
}
