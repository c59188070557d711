package org.runreplicator.split;

import java.io.Serializable;

/**
 * One unit of parallel work: a SQL predicate over the source table (null means the whole
 * table) and the planner's estimate of its rows. A plain value, so a plan can be tested without
 * a database and shipped to a map task unchanged.
 */
public final class Split implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String predicate;
    private final long estimatedRows;

    public Split(int index, String predicate, long estimatedRows) {
        this.index = index;
        this.predicate = predicate;
        this.estimatedRows = estimatedRows;
    }

    public int index() {
        return index;
    }

    /** The WHERE fragment selecting this split's rows, or null for the whole table. */
    public String predicate() {
        return predicate;
    }

    /** Estimated rows, or -1 when unknown. */
    public long estimatedRows() {
        return estimatedRows;
    }

    @Override
    public String toString() {
        return "split " + index + ": " + (predicate == null ? "(all rows)" : predicate);
    }
}
