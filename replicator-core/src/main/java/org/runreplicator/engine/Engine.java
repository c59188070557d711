package org.runreplicator.engine;

import java.util.List;
import org.runreplicator.Secret;

/**
 * Runs a run's split tasks somewhere (threads of this process, map tasks on YARN) and hands back
 * what the winning attempt of each split wrote. The run plans, chooses an engine and commits; the
 * engine never commits and never touches the partition readers see.
 *
 * <p>Contract, for every implementation (the engine contract tests check each one):
 * <ul>
 *   <li>Every task is run by one or more attempts, each an {@link SplitAttempt} writing only under
 *       {@link SplitTask#attemptDir} of its own attempt number; two attempts never share a directory.
 *   <li>{@link #run} returns exactly one {@link SplitResult} per task, in task order, built from the
 *       {@link AttemptManifest} the winning attempt wrote. Files of failed, killed or losing
 *       (speculative) attempts are never in a result; the engine deletes what it can of them, and
 *       the run's staging clean-up removes the rest, since it all lives under the split's directory.
 *   <li>No more than {@code sessions} attempts (so source sessions) run at once, counting
 *       retries and speculative attempts, nor more than the engine was built for.
 *   <li>A transient source failure ({@link org.runreplicator.source.SourceDialect#isTransient}) is retried,
 *       at most {@code maxAttempts} attempts per split; the first failure that is not, or the last
 *       attempt's, stops every attempt in flight and is thrown, its
 *       {@link org.runreplicator.ReplicatorException} kind kept where the engine can carry it.
 *   <li>The password reaches attempts only through the engine's own channel (memory for threads,
 *       the job's credentials for YARN): never through a task, a configuration, a log or a message.
 *   <li>Progress: {@link ProgressListener#rowsWritten} as rows are written, {@link ProgressListener#splitDone}
 *       once per split, {@link ProgressListener#splitRetry} per failed attempt that is retried.
 * </ul>
 */
public interface Engine {
    /**
     * Runs every task to one winning attempt, or throws the failure that stopped the run.
     *
     * @param password the source password, or null when the tasks need none
     * @param sessions how many source sessions the attempts may hold at once: {@code --max-connections}
     *     less the ones the run holds itself (the session keeping a shared snapshot open)
     */
    List<SplitResult> run(List<SplitTask> tasks, Secret password, int sessions, ProgressListener progress) throws Exception;

    /**
     * Stops every attempt in flight (cancels their statements, kills the job); {@link #run} then
     * throws. Safe to call from any thread, at any time, more than once.
     */
    default void cancel() {
    }

    /** The engine's name as {@code --engine} spells it: {@code local}, {@code mapreduce}. */
    String name();

    /** Where the last {@link #run} ran, when it has an identity of its own (a YARN application id), else null. */
    default String applicationId() {
        return null;
    }
}
