package org.runreplicator.ledger;

import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.runreplicator.run.RunListener;
import org.runreplicator.run.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run in the ledger as a {@link RunListener}: RUNNING with its job id when it starts
 * (creating the row if the trigger did not), then SUCCEEDED or FAILED. Its row is
 * {@link LedgerKey#of(RunIdentity)}.
 *
 * <p>A ledger that cannot be prepared or written at the start stops the run before the source is
 * read ({@link RunListener#started} throws), unless the ledger is optional: then it warns once and
 * the run carries on without it. A failed final write after the commit becomes the run's TARGET
 * failure, with the committed summary kept (the run's listeners see to that); an optional ledger
 * only warns.
 */
public final class LedgerRecorder implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRecorder.class);

    private final RunLedger ledger;
    private final boolean createTable;
    private final boolean optional;
    private boolean running;
    private boolean gaveUp;

    public LedgerRecorder(RunLedger ledger, boolean createTable, boolean optional) {
        this.ledger = ledger;
        this.createTable = createTable;
        this.optional = optional;
    }

    @Override
    public void started(RunIdentity run) {
        try {
            prepare(run);
            record(run, LedgerStatus.RUNNING);
            running = true;
        } catch (RuntimeException e) {
            giveUpOrThrow(run, LedgerStatus.RUNNING, e);
        }
    }

    private void prepare(RunIdentity run) {
        try {
            ledger.prepare(createTable);
        } catch (LedgerException e) {
            throw new LedgerException(cannotRecord(run, LedgerStatus.RUNNING) + e.getMessage(), e);
        }
    }

    @Override
    public void committed(RunIdentity run, RunSummary summary) {
        if (gaveUp) {
            return;
        }
        try {
            record(run, LedgerStatus.SUCCEEDED);
        } catch (RuntimeException e) {
            giveUpOrThrow(run, LedgerStatus.SUCCEEDED, e);
        }
    }

    /** Only a run the ledger saw start is marked FAILED: one stopped by the ledger itself has nothing to mark. */
    @Override
    public void failed(RunIdentity run, ReplicatorException failure) {
        if (!running || gaveUp) {
            return;
        }
        try {
            record(run, LedgerStatus.FAILED);
        } catch (RuntimeException e) {
            giveUpOrThrow(run, LedgerStatus.FAILED, e);
        }
    }

    private void record(RunIdentity run, LedgerStatus status) {
        LedgerKey key = LedgerKey.of(run);
        LedgerRow row = ledger.record(key, status, run.jobId());
        if (row.status() == status) {
            LOG.info("Ledger {}: {} is {} (job {})", ledger.describe(), key, status, run.jobId());
        } else {
            LOG.info("Ledger {}: {} stays {}; a {} never replaces it", ledger.describe(), key, row.status(), status);
        }
    }

    private String cannotRecord(RunIdentity run, LedgerStatus status) {
        return "Cannot record " + LedgerKey.of(run) + " as " + status + " in the ledger " + ledger.describe() + ": ";
    }

    /** A {@link LedgerException} already says what could not be recorded where; anything else is given that context. */
    private void giveUpOrThrow(RunIdentity run, LedgerStatus status, RuntimeException e) {
        LedgerException failure = e instanceof LedgerException ? (LedgerException) e
                : new LedgerException(cannotRecord(run, status) + e, e);
        if (optional) {
            gaveUp = true;
            LOG.warn("{}; going on without the ledger (--ledger-optional)", failure.getMessage());
            return;
        }
        throw failure;
    }
}
