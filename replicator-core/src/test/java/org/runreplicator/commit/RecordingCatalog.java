package org.runreplicator.commit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A catalog for the protocol's own tests, which run without a metastore: it records each version
 * it is pointed at and fails while set down. The real catalog, Hive's metastore over Thrift, has
 * its own contract suite ({@code MetastorePublisherContract}).
 */
final class RecordingCatalog implements VersionPublisher {
    private final List<CommittedVersion> pointedAt = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile int downAfter = Integer.MAX_VALUE;

    void setDown(boolean isDown) {
        down.set(isDown);
        downAfter = Integer.MAX_VALUE;
    }

    /** Fails every switch after the first {@code switches}. */
    void goDownAfter(int switches) {
        downAfter = switches;
    }

    /** The runs whose versions it was pointed at, in order. */
    List<String> runs() {
        return pointedAt.stream().map(v -> v.manifest().runId).collect(Collectors.toList());
    }

    /** The version it points at now. */
    CommittedVersion current() {
        return pointedAt.get(pointedAt.size() - 1);
    }

    @Override
    public void publish(CommittedVersion version) {
        if (down.get() || pointedAt.size() >= downAfter) {
            throw new IllegalStateException("metastore unreachable");
        }
        pointedAt.add(version);
    }

    @Override
    public String describe() {
        return "the test catalog";
    }
}
