package org.runreplicator.split;

import java.io.Serializable;
import java.util.List;

/** The splits chosen for a table: the method actually used, the columns it splits on, and the splits. */
public final class SplitPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SplitMethod method;
    private final List<String> columns;
    private final List<Split> splits;

    public SplitPlan(SplitMethod method, List<String> columns, List<Split> splits) {
        this.method = method;
        this.columns = List.copyOf(columns);
        this.splits = List.copyOf(splits);
    }

    /** The resolved method: never {@link SplitMethod#AUTO}. */
    public SplitMethod method() {
        return method;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Split> splits() {
        return splits;
    }
}
