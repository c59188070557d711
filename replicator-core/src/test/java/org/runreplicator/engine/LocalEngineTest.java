package org.runreplicator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.split.Split;

class LocalEngineTest {
    private static final Duration NO_WAIT = Duration.ofMillis(1);

    @Test
    void everySplitRunsOnce_andResultsComeBackInSplitOrder() throws Exception {
        ScriptedRunner runner = new ScriptedRunner((split, attempt) -> null);

        List<SplitResult> results = new LocalEngine(3, 3, NO_WAIT).run(splits(7), runner, ProgressListener.NONE);

        assertThat(results).extracting(SplitResult::splitIndex).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(results).extracting(SplitResult::attempts).containsOnly(1);
        assertThat(runner.attempts).hasSize(7);
    }

    @Test
    void transientFailureRetriesTheSplit_afterDiscardingItsPartialOutput() throws Exception {
        ScriptedRunner runner = new ScriptedRunner((split, attempt) ->
                split.index() == 2 && attempt < 3 ? new SQLTransientConnectionException("Connection reset", "08006") : null);
        List<String> retries = new CopyOnWriteArrayList<>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void splitRetry(int splitIndex, int attempt, String reason) {
                retries.add(splitIndex + "/" + attempt);
            }
        };

        List<SplitResult> results = new LocalEngine(2, 3, NO_WAIT).run(splits(4), runner, progress);

        assertThat(results.get(2).attempts()).isEqualTo(3);
        assertThat(runner.discarded).containsExactlyInAnyOrder("2/1", "2/2");
        assertThat(retries).containsExactly("2/1", "2/2");
    }

    @Test
    void permanentFailureFailsTheRun_withoutRetry_andCancelsTheOthers() {
        CountDownLatch blockedStarted = new CountDownLatch(1);
        ScriptedRunner runner = new ScriptedRunner((split, attempt) -> {
            if (split.index() == 0) {
                blockedStarted.countDown();
                sleepUntilInterrupted();
                return null;
            }
            awaitQuietly(blockedStarted);
            return new SQLException("relation \"t\" does not exist", "42P01");
        });

        assertThatThrownBy(() -> new LocalEngine(2, 5, NO_WAIT).run(splits(2), runner, ProgressListener.NONE))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("does not exist");
        assertThat(runner.attemptsOf(1)).isEqualTo(1);
        assertThat(runner.cancelled.get()).isEqualTo(1);
        assertThat(runner.discarded).contains("1/1");
    }

    @Test
    void transientFailureGivesUp_afterMaxAttempts() {
        ScriptedRunner runner = new ScriptedRunner((split, attempt) -> new SQLTransientConnectionException("reset", "08006"));

        assertThatThrownBy(() -> new LocalEngine(1, 2, NO_WAIT).run(splits(1), runner, ProgressListener.NONE))
                .isInstanceOf(SQLTransientConnectionException.class);
        assertThat(runner.attemptsOf(0)).isEqualTo(2);
        assertThat(runner.discarded).containsExactly("0/1", "0/2");
    }

    @Test
    void neverRunsMoreSplitsAtOnceThanItsConnections() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ScriptedRunner runner = new ScriptedRunner((split, attempt) -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return null;
        });

        new LocalEngine(3, 1, NO_WAIT).run(splits(12), runner, ProgressListener.NONE);

        assertThat(peak.get()).isBetween(1, 3);
    }

    @Test
    void cancelStopsTheAttemptInFlight_retriesNothing_andEndsTheRunEvenWithSplitsNeverStarted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ScriptedRunner runner = new ScriptedRunner((split, attempt) -> {
            started.countDown();
            sleepUntilInterrupted();
            return new SQLTransientConnectionException("canceling statement due to user request", "08006");
        });
        LocalEngine engine = new LocalEngine(1, 3, NO_WAIT);
        java.util.concurrent.CompletableFuture<List<SplitResult>> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return engine.run(splits(3), runner, ProgressListener.NONE);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        engine.cancel();

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(Exception.class);
        assertThat(runner.cancelled.get()).isPositive();
        assertThat(runner.attempts).hasSize(1);
    }

    private static List<Split> splits(int n) {
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            splits.add(new Split(i, "id % " + n + " = " + i, 10));
        }
        return splits;
    }

    private static void sleepUntilInterrupted() {
        try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A split runner whose attempts fail as the script says (returns the failure, or null for success). */
    private static final class ScriptedRunner implements SplitRunner {
        final BiFunction<Split, Integer, Exception> script;
        final List<String> attempts = new CopyOnWriteArrayList<>();
        final List<String> discarded = new CopyOnWriteArrayList<>();
        final Map<Integer, AtomicInteger> perSplit = new ConcurrentHashMap<>();
        final AtomicInteger cancelled = new AtomicInteger();

        ScriptedRunner(BiFunction<Split, Integer, Exception> script) {
            this.script = script;
        }

        @Override
        public List<WrittenFile> copy(Split split, int attempt) throws Exception {
            attempts.add(split.index() + "/" + attempt);
            perSplit.computeIfAbsent(split.index(), k -> new AtomicInteger()).incrementAndGet();
            Exception failure = script.apply(split, attempt);
            if (failure != null) {
                throw failure;
            }
            return List.of(new WrittenFile("file:/split-" + split.index(), 10, 100));
        }

        @Override
        public void discard(Split split, int attempt) {
            discarded.add(split.index() + "/" + attempt);
        }

        @Override
        public void cancelAll() {
            cancelled.incrementAndGet();
        }

        @Override
        public boolean isTransient(Throwable failure) {
            return failure instanceof SQLTransientConnectionException;
        }

        int attemptsOf(int split) {
            AtomicInteger n = perSplit.get(split);
            return n == null ? 0 : n.get();
        }
    }
}
