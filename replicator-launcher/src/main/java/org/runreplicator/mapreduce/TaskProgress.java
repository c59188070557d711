package org.runreplicator.mapreduce;

/**
 * A map task's progress as YARN sees it: the share of the split's estimated rows written so far.
 * MapReduce reads a task's progress from its record reader only, so the mapper records it here
 * (per thread: Hadoop's local runner runs several maps in one JVM) and the reader reports it. A
 * started task shows at least 1%, so the speculator can tell a slow attempt from one not begun.
 */
final class TaskProgress {
    private static final float STARTED = 0.01f;
    private static final float BEFORE_COMMIT = 0.99f;
    private static final ThreadLocal<float[]> CURRENT = ThreadLocal.withInitial(() -> new float[] {0});

    private TaskProgress() {
    }

    static void started() {
        CURRENT.get()[0] = STARTED;
    }

    static void rows(long written, long estimated) {
        float share = estimated > 0 ? (float) written / estimated : STARTED;
        CURRENT.get()[0] = Math.max(STARTED, Math.min(BEFORE_COMMIT, share));
    }

    static float current() {
        return CURRENT.get()[0];
    }
}
