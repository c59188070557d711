package org.runreplicator.mapreduce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.engine.AttemptManifest;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.engine.SplitAttempt;
import org.runreplicator.engine.SplitTask;

/**
 * A map task copies one split: one {@link SplitAttempt} per task attempt, numbered from the
 * attempt id, over its own JDBC connection, with the password from the job's credentials and
 * the writers fitted to this container's heap. A failure is recorded beside the split
 * ({@link TaskFailure}) before it is rethrown, so the driver can report it with its kind, and a
 * failure no retry can mend ends the next attempts before they connect.
 */
public final class SplitTaskMapper extends Mapper<NullWritable, NullWritable, NullWritable, NullWritable> {
    /** The name of the source password among the job's credentials. */
    static final Text PASSWORD = new Text("replicator.source.password");

    @Override
    public void run(Context context) throws IOException, InterruptedException {
        SplitTask task = ((SplitTaskSplit) context.getInputSplit()).task();
        int attempt = attemptNumber(context.getTaskAttemptID());
        FileSystem fs = task.splitDir().getFileSystem(context.getConfiguration());
        TaskFailure earlier = TaskFailure.permanentIn(fs, task.splitDir());
        if (earlier != null) {
            throw new IOException("Not retrying split " + task.split().index() + ": " + earlier.message);
        }
        AttemptMarker.write(context.getConfiguration(), context.getTaskAttemptID(), task, attempt);
        context.setStatus("copying " + task);
        TaskProgress.started();
        context.nextKeyValue();
        long[] written = {0};
        SplitAttempt copy = new SplitAttempt(task, context.getConfiguration(), password(context, task), 1, new ProgressListener() {
            @Override
            public void rowsWritten(long rows) {
                context.getCounter(ReplicatorCounters.ROWS).increment(rows);
                written[0] += rows;
                TaskProgress.rows(written[0], task.split().estimatedRows());
                publishProgress(context);
            }
        });
        try {
            AttemptManifest manifest = copy.run(attempt);
            context.getCounter(ReplicatorCounters.BYTES).increment(manifest.bytes);
            context.getCounter(ReplicatorCounters.FILES).increment(manifest.files.size());
            context.setStatus("split " + task.split().index() + ": " + manifest.rows + " rows in " + manifest.files.size() + " files");
        } catch (Exception e) {
            ReplicatorException failure = e instanceof ReplicatorException ? (ReplicatorException) e : null;
            boolean retriable = SplitAttempt.isTransient(e, task.dialect());
            FailureKind kind = failure == null && retriable ? FailureKind.SOURCE : FailureKind.of(e);
            String message = copy.redact(failure != null ? failure.getMessage()
                    : "Cannot copy " + task + ": " + e.getMessage());
            new TaskFailure(task.split().index(), attempt, kind.name(), retriable, message)
                    .write(fs, task.splitDir());
            // The message alone travels on (task diagnostics, logs): a driver's stack may quote its URL.
            throw new IOException(message);
        }
    }

    /** MapReduce takes a task's progress from its record reader, when the mapper asks for the next record. */
    private static void publishProgress(Context context) {
        try {
            context.nextKeyValue();
        } catch (IOException e) {
            context.progress();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Secret password(Context context, SplitTask task) {
        if (!task.hasPassword()) {
            return null;
        }
        byte[] value = context.getCredentials().getSecretKey(PASSWORD);
        return value == null ? null : Secret.of(new String(value, StandardCharsets.UTF_8));
    }

    /** The 1-based attempt number of a task attempt: every retry and speculative attempt has its own. */
    static int attemptNumber(TaskAttemptID id) {
        return id.getId() + 1;
    }
}
