package org.runreplicator.run;

import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;

/**
 * Told what happens to a run, in order: {@link #started} once, then exactly one of
 * {@link #committed} or {@link #failed}. The run does not know its listeners by name: the ledger,
 * the summary printer and tests are all listeners.
 *
 * <p>The contract a listener can rely on, and must keep:
 * <ul>
 *   <li>{@link #started} comes before the run connects to the source or touches the target. A
 *       listener that throws from it (say, an unreachable ledger) stops the run there: nothing is
 *       read or written, and every listener is then told {@link #failed} with that exception.</li>
 *   <li>{@link #committed} comes after the commit point: the partition already holds the run's
 *       rows. A listener that throws from it cannot undo that; the run ends with a TARGET failure
 *       that still carries the committed summary ({@link CommittedRunException}), and the data
 *       stays committed.</li>
 *   <li>{@link #failed} comes after the run's own clean-up; what a listener throws from it is
 *       logged and dropped, so the run's own failure is the one reported.</li>
 *   <li>Calls come from the thread that runs the copy, never concurrently.</li>
 * </ul>
 */
public interface RunListener {
    /** The run is about to begin. */
    default void started(RunIdentity run) {
    }

    /** The partition now holds this run's rows, as {@code summary} describes. */
    default void committed(RunIdentity run, RunSummary summary) {
    }

    /** The run failed; nothing of it is visible to readers (see the commit protocol for an unknown outcome). */
    default void failed(RunIdentity run, ReplicatorException failure) {
    }
}
