package org.runreplicator.engine;

import org.runreplicator.parquet.WriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the writers of one process into its heap: each concurrent writer buffers a row group in
 * memory, so the row group is capped to keep all of them within a share of the heap of the
 * process that writes (a map task's container, not the driver): a large table must copy with a
 * small heap.
 */
public final class WriterBudget {
    private static final Logger LOG = LoggerFactory.getLogger(WriterBudget.class);
    /** Share of the heap that buffered row groups of all concurrent writers may take. */
    static final double WRITE_BUFFER_HEAP_SHARE = 0.4;
    static final int MIN_ROW_GROUP_BYTES = 1 << 20;

    private WriterBudget() {
    }

    /** {@code requested}, with the row group capped so {@code writers} writers fit {@code maxHeapBytes}. */
    public static WriterSettings fit(WriterSettings requested, int writers, long maxHeapBytes) {
        long budget = (long) (maxHeapBytes * WRITE_BUFFER_HEAP_SHARE / Math.max(1, writers));
        if (budget >= requested.rowGroupBytes()) {
            return requested;
        }
        int capped = (int) Math.max(MIN_ROW_GROUP_BYTES, budget);
        LOG.info("Row groups capped at {} MiB so {} concurrent writers fit a heap of {} MiB", capped >> 20, writers,
                maxHeapBytes >> 20);
        return requested.withRowGroupBytes(capped);
    }
}
