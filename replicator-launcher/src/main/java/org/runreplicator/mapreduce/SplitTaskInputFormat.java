package org.runreplicator.mapreduce;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.runreplicator.engine.SplitTask;

/**
 * One input split per planned split, read from the
 * task list the driver wrote into the run's staging directory ({@value #TASKS}).
 */
public final class SplitTaskInputFormat extends InputFormat<NullWritable, NullWritable> {
    /** The configuration key naming the task list file. */
    static final String TASKS = "replicator.mapreduce.tasks";

    @Override
    public List<InputSplit> getSplits(JobContext context) throws IOException {
        List<InputSplit> splits = new ArrayList<>();
        for (SplitTask task : tasks(context.getConfiguration())) {
            splits.add(new SplitTaskSplit(task));
        }
        return splits;
    }

    /** The run's tasks, in plan order (MapReduce then orders its map tasks its own way: see {@link AttemptMarker}). */
    static List<SplitTask> tasks(Configuration conf) throws IOException {
        Path file = new Path(conf.get(TASKS));
        List<SplitTask> tasks = new ArrayList<>();
        try (ObjectInputStream in = new ObjectInputStream(file.getFileSystem(conf).open(file))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                tasks.add((SplitTask) in.readObject());
            }
        } catch (ClassNotFoundException e) {
            throw new IOException("Cannot read the task list " + file, e);
        }
        return tasks;
    }

    @Override
    public RecordReader<NullWritable, NullWritable> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new OneRecord();
    }

    /**
     * The mapper reads its split itself; the record reader only hands it one empty record, and
     * reports the mapper's {@link TaskProgress} each time the mapper asks it for another.
     */
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
            return TaskProgress.current();
        }

        @Override
        public void close() {
        }
    }
}
