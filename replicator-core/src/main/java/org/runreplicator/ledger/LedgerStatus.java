package org.runreplicator.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where a run stands in the ledger: {@code PENDING → RUNNING → SUCCEEDED | FAILED}. Statuses are
 * ranked in that order with FAILED below SUCCEEDED, and a write never moves a row to a lower rank:
 * a late RUNNING cannot overwrite an end, a late FAILED cannot hide a success (a failed run leaves
 * the previous partition as it was, so the success stays true), and a retry that succeeds after a
 * failure can still say so. Writing the status a row already has is allowed: it refreshes
 * {@code last_modified_at} and the job id, which is what makes a repeated write idempotent.
 */
public enum LedgerStatus {
    PENDING,
    RUNNING,
    FAILED,
    SUCCEEDED;

    /** The statuses a write of this status may replace: its own rank and below. */
    public List<LedgerStatus> replaceable() {
        List<LedgerStatus> below = new ArrayList<>();
        for (LedgerStatus status : values()) {
            if (status.ordinal() <= ordinal()) {
                below.add(status);
            }
        }
        return Collections.unmodifiableList(below);
    }

    /** Whether a row now at {@code current} moves to this status when this status is written. */
    public boolean replaces(LedgerStatus current) {
        return current.ordinal() <= ordinal();
    }

    /** Parses a stored or typed status, case-insensitively. */
    public static LedgerStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown ledger status '" + text + "': expected PENDING, RUNNING, SUCCEEDED or FAILED", e);
        }
    }
}
