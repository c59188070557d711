package org.runreplicator.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The command line as a Hadoop {@link Tool}, as {@code hadoop jar} users expect: {@link ToolRunner}
 * applies the generic options that come before the command ({@code -conf FILE}, {@code -D k=v},
 * {@code -libjars}, {@code -files}), and the command's own {@code -D} settings then override them.
 * Only loaded when Hadoop is on the classpath ({@link Replicator} checks first): the jar runs
 * {@code notify} and {@code ledger} without it.
 */
final class HadoopTool extends Configured implements Tool {
    private static volatile Configuration base;

    private HadoopTool() {
    }

    /** Runs {@code args} through ToolRunner and returns the exit status. */
    static int runTool(String[] args) throws Exception {
        return ToolRunner.run(new Configuration(), new HadoopTool(), args);
    }

    /** A fresh configuration over ToolRunner's, or over the cluster's files when not run as a Tool. */
    static Configuration baseConfiguration() {
        Configuration given = base;
        return given == null ? new Configuration() : new Configuration(given);
    }

    @Override
    public int run(String[] args) {
        base = getConf();
        return Replicator.execute(args, System.out, System.err, System.getenv());
    }
}
