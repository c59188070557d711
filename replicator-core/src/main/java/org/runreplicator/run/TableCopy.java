package org.runreplicator.run;

import org.apache.hadoop.conf.Configuration;

/** Copies one table into one partition: plan, read splits in parallel, write Parquet, validate, commit. */
public final class TableCopy {
    private final RunOptions options;
    private final Configuration hadoopConf;

    public TableCopy(RunOptions options, Configuration hadoopConf) {
        this.options = options;
        this.hadoopConf = hadoopConf;
    }

    /** Connects, describes the table, maps its types and plans the splits; writes nothing. */
    public PlanReport plan() {
        throw new IllegalStateException("planning is being wired in " + options.table() + hadoopConf);
    }

    /** Runs the copy and commits the partition; a failure throws {@link org.runreplicator.ReplicatorException} and leaves the previous partition visible. */
    public RunSummary run(ProgressListener progress) {
        throw new IllegalStateException("running is being wired in");
    }
}
