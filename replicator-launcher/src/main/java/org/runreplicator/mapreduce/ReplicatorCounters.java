package org.runreplicator.mapreduce;

/** The job counters of a copy on YARN, summed over winning and losing attempts alike as MapReduce does. */
public enum ReplicatorCounters {
    /** Rows written to Parquet, counted as they are written (progress). */
    ROWS,
    /** Bytes of the Parquet files a successful attempt finished. */
    BYTES,
    /** Parquet files a successful attempt finished. */
    FILES
}
