package org.runreplicator.source;

import java.io.Serializable;

/**
 * An integer-valued SQL expression over a row that hash and partition splits cut into
 * contiguous ranges: Teradata's {@code HASHAMP(HASHBUCKET(HASHROW(pi)))} or {@code PARTITION},
 * a hash modulo N elsewhere. The expression is never NULL and always lies in
 * [{@code min}, {@code max}], so ranges that tile that interval cover every row exactly once.
 */
public final class BucketExpression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String sql;
    private final long min;
    private final long max;
    private final boolean skewed;

    private BucketExpression(String sql, long min, long max, boolean skewed) {
        if (min > max) {
            throw new IllegalArgumentException("Empty bucket range " + min + ".." + max + " for " + sql);
        }
        this.sql = sql;
        this.min = min;
        this.max = max;
        this.skewed = skewed;
    }

    /** Buckets whose sizes can differ a lot (AMPs, partitions): the planner counts rows per bucket to balance splits. */
    public static BucketExpression counted(String sql, long min, long max) {
        return new BucketExpression(sql, min, max, true);
    }

    /** Buckets of about equal size (a good hash): the planner cuts [min, max] into equal ranges without counting. */
    public static BucketExpression uniform(String sql, long min, long max) {
        return new BucketExpression(sql, min, max, false);
    }

    public String sql() {
        return sql;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** Whether rows per bucket must be counted to balance splits. */
    public boolean skewed() {
        return skewed;
    }

    @Override
    public String toString() {
        return sql + " in [" + min + ", " + max + "]";
    }
}
