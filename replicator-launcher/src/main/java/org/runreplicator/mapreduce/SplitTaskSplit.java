package org.runreplicator.mapreduce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.runreplicator.engine.SplitTask;

/**
 * One planned split as a map task's input: the serialized {@link SplitTask}. It lives in the
 * job's split file in the staging directory (readable by the job's user), never in its configuration.
 */
public final class SplitTaskSplit extends InputSplit implements Writable {
    private byte[] task = new byte[0];
    private long estimatedRows;

    /** For Hadoop's reflection. */
    public SplitTaskSplit() {
    }

    SplitTaskSplit(SplitTask task) {
        this.task = task.toBytes();
        this.estimatedRows = Math.max(0, task.split().estimatedRows());
    }

    SplitTask task() {
        return SplitTask.fromBytes(task);
    }

    @Override
    public long getLength() {
        return estimatedRows;
    }

    @Override
    public String[] getLocations() {
        // A JDBC read has no data locality.
        return new String[0];
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(estimatedRows);
        out.writeInt(task.length);
        out.write(task);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        estimatedRows = in.readLong();
        task = new byte[in.readInt()];
        in.readFully(task);
    }
}
