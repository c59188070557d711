package org.runreplicator.mapreduce;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.runreplicator.engine.SplitTask;

/**
 * One input split per planned split, in plan order (so map task N copies split N), read from the
 * task list the driver wrote into the run's staging directory ({@value #TASKS}).
 */
public final class SplitTaskInputFormat extends InputFormat<NullWritable, NullWritable> {
    /** The configuration key naming the task list file. */
    static final String TASKS = "replicator.mapreduce.tasks";

    @Override
    public List<InputSplit> getSplits(JobContext context) throws IOException {
        Path file = new Path(context.getConfiguration().get(TASKS));
        List<InputSplit> splits = new ArrayList<>();
        try (ObjectInputStream in = new ObjectInputStream(file.getFileSystem(context.getConfiguration()).open(file))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                splits.add(new SplitTaskSplit((SplitTask) in.readObject()));
            }
        } catch (ClassNotFoundException e) {
            throw new IOException("Cannot read the task list " + file, e);
        }
        return splits;
    }

    @Override
    public RecordReader<NullWritable, NullWritable> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new OneRecord();
    }

    /** The mapper reads its split itself; the record reader only hands it one empty record. */
    private static final class OneRecord extends RecordReader<NullWritable, NullWritable> {
        private boolean read;

        @Override
        public void initialize(InputSplit split, TaskAttemptContext context) {
        }

        @Override
        public boolean nextKeyValue() {
            if (read) {
                return false;
            }
            read = true;
            return true;
        }

        @Override
        public NullWritable getCurrentKey() {
            return NullWritable.get();
        }

        @Override
        public NullWritable getCurrentValue() {
            return NullWritable.get();
        }

        @Override
        public float getProgress() {
            return read ? 1 : 0;
        }

        @Override
        public void close() {
        }
    }
}
