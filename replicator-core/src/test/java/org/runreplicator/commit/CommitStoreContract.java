package org.runreplicator.commit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runreplicator.testing.TestStore;

/**
 * The guarantees {@link CommitStore} promises, checked against a real store. One subclass per
 * store names how to reach it, as Hadoop's file-system contract tests do.
 */
abstract class CommitStoreContract {
    private static final int RACERS = 16;

    CommitStore store;
    Path base;

    /** A fresh store for this test. */
    abstract TestStore newStore();

    @BeforeEach
    void openStore() {
        TestStore test = newStore();
        store = CommitProtocols.store(test.target(), test.conf());
        base = new Path(test.target());
    }

    @Test
    void createExclusive_givesTheFileToExactlyOneOfManyRacingCreators() throws Exception {
        Path path = new Path(base, "lease/0000000001.json");
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                byte[] content = ("racer " + i).getBytes(UTF_8);
                racers.add(pool.submit(() -> {
                    start.await();
                    return store.createExclusive(path, content);
                }));
            }
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                if (racers.get(i).get(60, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(text(path)).isEqualTo("racer " + winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createExclusive_neverReplacesWhatIsThere() throws IOException {
        Path path = new Path(base, "log/0000000001.json");
        assertThat(store.createExclusive(path, "first".getBytes(UTF_8))).isTrue();
        assertThat(store.createExclusive(path, "second".getBytes(UTF_8))).isFalse();
        assertThat(text(path)).isEqualTo("first");
        assertThat(names(path.getParent())).containsExactly("0000000001.json");
    }

    @Test
    void replace_letsReadersSeeTheOldOrTheNewContentWhole_neverNothing() throws Exception {
        Path path = new Path(base, "lease/0000000001.json");
        store.createExclusive(path, content(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<String> seen = new HashSet<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> reads = reader.submit(() -> {
            while (writing.get()) {
                Optional<byte[]> now = store.read(path);
                seen.add(now.map(b -> new String(b, UTF_8)).orElse("<missing>"));
            }
            return null;
        });
        for (int i = 1; i <= 20; i++) {
            store.replace(path, content(i));
        }
        writing.set(false);
        reads.get(60, TimeUnit.SECONDS);
        reader.shutdown();
        assertThat(text(path)).isEqualTo(new String(content(20), UTF_8));
        assertThat(seen).allSatisfy(s -> assertThat(s).matches("version \\d+ x{4000}"));
    }

    @Test
    void move_refusesAnExistingDestination_andLeavesBothAsTheyWere() throws IOException {
        Path source = new Path(base, "a/part-00000.parquet");
        Path destination = new Path(base, "b/part-00000.parquet");
        store.replace(source, "new".getBytes(UTF_8));
        store.replace(destination, "old".getBytes(UTF_8));

        assertThatThrownBy(() -> store.move(source, destination)).isInstanceOf(IOException.class);
        store.mkdirs(destination.getParent());
        assertThatThrownBy(() -> store.move(source, destination)).isInstanceOf(IOException.class);
        assertThat(text(source)).isEqualTo("new");
        assertThat(text(destination)).isEqualTo("old");
    }

    @Test
    void move_takesAFileToANewDirectory() throws IOException {
        Path source = new Path(base, "staging/part-00000.parquet");
        store.replace(source, "rows".getBytes(UTF_8));
        Path destination = new Path(base, "ds=2024-05-01/run-1/part-00000.parquet");
        store.mkdirs(destination.getParent());

        store.move(source, destination);

        assertThat(text(destination)).isEqualTo("rows");
        assertThat(store.read(source)).isEmpty();
    }

    @Test
    void move_ofADirectory_isOneStepWhereTheStoreSaysSo_andRefusedElsewhere() throws Exception {
        Path staged = new Path(base, "staging/version");
        for (int i = 0; i < 20; i++) {
            store.replace(new Path(staged, "part-" + i + ".parquet"), ("file " + i).getBytes(UTF_8));
        }
        Path published = new Path(base, "ds=2024-05-01/run-1");
        store.mkdirs(published.getParent());
        if (!store.movesDirectoriesAtomically()) {
            assertThatThrownBy(() -> store.move(staged, published)).isInstanceOf(IOException.class);
            assertThat(store.list(staged)).hasSize(20);
            return;
        }
        AtomicBoolean moving = new AtomicBoolean(true);
        Set<Integer> counts = new HashSet<>();
        ExecutorService lister = Executors.newSingleThreadExecutor();
        Future<?> listing = lister.submit(() -> {
            while (moving.get()) {
                counts.add(store.list(published).size());
            }
            return null;
        });
        store.move(staged, published);
        Thread.sleep(50);
        moving.set(false);
        listing.get(60, TimeUnit.SECONDS);
        lister.shutdown();
        assertThat(counts).isSubsetOf(0, 20);
        assertThat(store.list(published)).hasSize(20);
        assertThat(store.list(staged)).isEmpty();
    }

    @Test
    void missingPaths_readAndListAsEmpty_andDeleteQuietly() throws IOException {
        Path missing = new Path(base, "no/such/thing");
        assertThat(store.read(missing)).isEmpty();
        assertThat(store.list(missing)).isEmpty();
        store.delete(missing);
    }

    @Test
    void delete_removesADirectoryAndEverythingUnderIt() throws IOException {
        Path dir = new Path(base, "runs/run-1");
        store.replace(new Path(dir, "split-00000/attempt-1/part.parquet"), "x".getBytes(UTF_8));
        store.replace(new Path(dir, "split-00001/attempt-2/part.parquet"), "y".getBytes(UTF_8));

        store.delete(dir);

        assertThat(store.list(dir)).isEmpty();
        assertThat(store.list(new Path(base, "runs"))).noneMatch(s -> s.getPath().getName().equals("run-1"));
    }

    private String text(Path path) throws IOException {
        return new String(store.read(path).orElseThrow(), UTF_8);
    }

    private List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : store.list(dir)) {
            names.add(status.getPath().getName());
        }
        return names;
    }

    private static byte[] content(int version) {
        return ("version " + version + " " + "x".repeat(4000)).getBytes(UTF_8);
    }
}
