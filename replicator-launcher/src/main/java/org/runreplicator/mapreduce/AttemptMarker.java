package org.runreplicator.mapreduce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.runreplicator.engine.SplitTask;

/**
 * Which split a task attempt copies, recorded under the run's staging by the attempt itself
 * ({@code _attempts/<attempt id>}): MapReduce orders map tasks by its own rules (largest input
 * first), so neither the committer nor the driver can tell a task's split from its number.
 */
final class AttemptMarker {
    private static final String DIR = "_attempts";

    final int splitIndex;
    final Path attemptDir;

    private AttemptMarker(int splitIndex, Path attemptDir) {
        this.splitIndex = splitIndex;
        this.attemptDir = attemptDir;
    }

    static void write(Configuration conf, TaskAttemptID id, SplitTask task, int attempt) throws IOException {
        Path path = path(conf, id);
        try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
            out.write((task.split().index() + "\n" + task.attemptDir(attempt)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The attempt's marker, or null when the attempt never started copying. */
    static AttemptMarker read(Configuration conf, TaskAttemptID id) throws IOException {
        Path path = path(conf, id);
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            return null;
        }
        try (InputStream in = fs.open(path)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", 2);
            return new AttemptMarker(Integer.parseInt(lines[0]), new Path(lines[1]));
        }
    }

    private static Path path(Configuration conf, TaskAttemptID id) {
        return new Path(new Path(new Path(conf.get(SplitTaskInputFormat.TASKS)).getParent(), DIR), id.toString());
    }
}
