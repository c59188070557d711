package org.runreplicator.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The command line as a Hadoop {@link Tool}, as {@code hadoop jar} users expect: {@link ToolRunner}
 * applies the generic options that come before the command ({@code -conf FILE}, {@code -D k=v},
 * {@code -libjars}, {@code -files}), and the command's own {@code -D} settings then override them.
 * Only used when Hadoop is on the classpath: the self-contained jar runs without it.
 */
final class HadoopTool extends Configured implements Tool {
    private static volatile Configuration base;

    private HadoopTool() {
    }

    /** Whether Hadoop's classes are on the classpath (a cluster, {@code hadoop jar}, bin/replicator). */
    static boolean available() {
        try {
            Class.forName("org.apache.hadoop.util.ToolRunner", false, HadoopTool.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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
