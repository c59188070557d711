package org.runreplicator.mapreduce;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.OutputFormat;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.runreplicator.engine.AttemptManifest;

/**
 * Map tasks write their Parquet files themselves; this output format only brings MapReduce's
 * task commit to bear: the application master lets exactly one attempt of each task commit, and
 * that attempt's commit records its manifest as the split's winner ({@value AttemptManifest#WINNER}).
 * A failed, killed or losing speculative attempt never commits; its abort deletes its directory.
 * The job commit does nothing: the driver commits the partition through the commit protocol.
 */
public final class WinnerOutputFormat extends OutputFormat<NullWritable, NullWritable> {
    @Override
    public RecordWriter<NullWritable, NullWritable> getRecordWriter(TaskAttemptContext context) {
        return new RecordWriter<>() {
            @Override
            public void write(NullWritable key, NullWritable value) {
            }

            @Override
            public void close(TaskAttemptContext c) {
            }
        };
    }

    @Override
    public void checkOutputSpecs(JobContext context) {
    }

    @Override
    public OutputCommitter getOutputCommitter(TaskAttemptContext context) {
        return new WinnerCommitter();
    }

    /** Records the one committing attempt of each split as its winner. */
    static final class WinnerCommitter extends OutputCommitter {
        @Override
        public void setupJob(JobContext context) {
        }

        @Override
        public void setupTask(TaskAttemptContext context) {
        }

        @Override
        public boolean needsTaskCommit(TaskAttemptContext context) throws IOException {
            AttemptMarker marker = AttemptMarker.read(context.getConfiguration(), context.getTaskAttemptID());
            return marker != null && fileSystem(marker, context).exists(new Path(marker.attemptDir, AttemptManifest.NAME));
        }

        @Override
        public void commitTask(TaskAttemptContext context) throws IOException {
            AttemptMarker marker = AttemptMarker.read(context.getConfiguration(), context.getTaskAttemptID());
            Path splitDir = marker.attemptDir.getParent();
            FileSystem fs = fileSystem(marker, context);
            Path winner = new Path(splitDir, AttemptManifest.WINNER);
            // Written whole, then renamed over any earlier try of this very commit: a reader sees one manifest or none.
            Path pending = new Path(splitDir, AttemptManifest.WINNER + "." + context.getTaskAttemptID().getId());
            FileUtil.copy(fs, new Path(marker.attemptDir, AttemptManifest.NAME), fs, pending, false, true,
                    context.getConfiguration());
            fs.delete(winner, false);
            if (!fs.rename(pending, winner)) {
                throw new IOException("Cannot record " + marker.attemptDir + " as the winner of " + splitDir);
            }
        }

        @Override
        public void abortTask(TaskAttemptContext context) throws IOException {
            AttemptMarker marker = AttemptMarker.read(context.getConfiguration(), context.getTaskAttemptID());
            if (marker != null) {
                fileSystem(marker, context).delete(marker.attemptDir, true);
            }
        }

        private static FileSystem fileSystem(AttemptMarker marker, TaskAttemptContext context) throws IOException {
            return marker.attemptDir.getFileSystem(context.getConfiguration());
        }

        @Override
        public boolean isRecoverySupported() {
            return false;
        }
    }
}
