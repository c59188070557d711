package org.runreplicator.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's memory over one run: the peak resident set (the kernel's VmHWM, reset at the start
 * through {@code /proc/self/clear_refs}) and the most heap in use right after any collection. The
 * latter bounds from above what the run kept live (after a young collection it still counts old
 * garbage), so a run whose files were buffered whole could not stay below the size of the files it
 * had open.
 */
final class MemoryWatch {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final AtomicLong maxHeapAfterGc = new AtomicLong();
    private boolean peakReset;

    MemoryWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> isHeap(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                maxHeapAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    /** Starts a new measurement: forgets the maxima so far. */
    void reset() {
        maxHeapAfterGc.set(0);
        try {
            Files.writeString(CLEAR_REFS, "5"); // 5: reset the peak resident set size to the current one
            peakReset = true;
        } catch (IOException | RuntimeException e) {
            peakReset = false;
        }
    }

    /** Peak resident set in bytes since {@link #reset}, or -1 where the kernel's peak cannot be reset or read. */
    long peakRssBytes() {
        if (!peakReset) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    long maxHeapAfterGcBytes() {
        return maxHeapAfterGc.get();
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    private static boolean isHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
    }
}
