package org.runreplicator.run;

import java.util.List;
import org.runreplicator.split.SplitPlan;

/** What {@code replicator plan} shows: how each column maps, and the splits. */
public final class PlanReport {
    /** One column's mapping, as text for people. */
    public static final class ColumnLine {
        public final String name;
        public final String sourceType;
        public final String parquetType;
        public final String hiveType;
        public final String bigQueryType;

        public ColumnLine(String name, String sourceType, String parquetType, String hiveType, String bigQueryType) {
            this.name = name;
            this.sourceType = sourceType;
            this.parquetType = parquetType;
            this.hiveType = hiveType;
            this.bigQueryType = bigQueryType;
        }
    }

    private final String table;
    private final List<ColumnLine> columns;
    private final SplitPlan plan;

    public PlanReport(String table, List<ColumnLine> columns, SplitPlan plan) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.plan = plan;
    }

    public String table() {
        return table;
    }

    public List<ColumnLine> columns() {
        return columns;
    }

    public SplitPlan plan() {
        return plan;
    }
}
