package org.runreplicator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (YARN, Airflow, a scheduler) and SIGINT (Ctrl-C) stop a run cleanly: the run is told
 * to stop, its engine cancels every attempt, and the run fails as any failed run does, removing
 * its files and leaving the previous partition as it was; the process then exits with the
 * shell's status for the signal (143, 130) after one {@code replicator:} line. A second signal
 * while the run cleans up, or a clean-up that outlasts its grace period, exits at once.
 */
final class SignalStop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalStop.class);
    private static final long GRACE_SECONDS = 120;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Consumer<RunStoppedException> stop;
    private final SignalHandler previousTerm;
    private final SignalHandler previousInt;
    private volatile boolean stopping;

    private SignalStop(Consumer<RunStoppedException> stop) {
        this.stop = stop;
        this.previousTerm = install("TERM");
        this.previousInt = install("INT");
    }

    /** Routes SIGTERM and SIGINT to {@code stop} until {@link #close}. */
    static SignalStop during(Consumer<RunStoppedException> stop) {
        return new SignalStop(stop);
    }

    private SignalHandler install(String name) {
        try {
            return Signal.handle(new Signal(name), this::received);
        } catch (IllegalArgumentException e) {
            // The JVM keeps this signal for itself (-Xrs, or a platform without it): nothing to route.
            return null;
        }
    }

    private void received(Signal signal) {
        int status = 128 + signal.getNumber();
        if (stopping) {
            Runtime.getRuntime().halt(status);
        }
        stopping = true;
        LOG.warn("SIG{} received: stopping the run; its files are removed and the previous partition stays", signal.getName());
        stop.accept(new RunStoppedException("Stopped by SIG" + signal.getName()
                + " before the commit: nothing was published, this run's files were removed", status));
        Thread watchdog = new Thread(() -> {
            try {
                if (!finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void close() {
        finished.countDown();
        restore("TERM", previousTerm);
        restore("INT", previousInt);
    }

    private static void restore(String name, SignalHandler previous) {
        if (previous != null) {
            Signal.handle(new Signal(name), previous);
        }
    }

    /** The failure of a run stopped by a signal; its exit status is the signal's. */
    static final class RunStoppedException extends ReplicatorException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RunStoppedException(String message, int status) {
            super(FailureKind.STOPPED, message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
