package org.runreplicator.commit;

import java.util.ArrayList;
import java.util.List;

/** What {@link CommitProtocol#clean} removed (or, in a dry run, would remove), and what it skipped and why. */
public final class CleanReport {
    private final boolean dryRun;
    private final List<String> removed = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    CleanReport(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void removed(String what) {
        removed.add(what);
    }

    void skipped(String why) {
        skipped.add(why);
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** One line per path removed (or to remove), with what it is. */
    public List<String> removed() {
        return List.copyOf(removed);
    }

    /** One line per partition left alone, with why. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }
}
