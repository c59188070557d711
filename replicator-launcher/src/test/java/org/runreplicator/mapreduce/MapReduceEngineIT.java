package org.runreplicator.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.runreplicator.engine.Engine;
import org.runreplicator.engine.EngineContract;
import org.runreplicator.run.RunSummary;
import org.runreplicator.testing.MiniHdfs;
import org.runreplicator.testing.PostgresServer;

/**
 * The engine contract on a MiniMRYarnCluster over a MiniDFSCluster: every split a map task on
 * YARN writing to HDFS. Beyond the contract: a speculative attempt beside a deliberately slow
 * one still commits every row once, and the password is in no job configuration or log.
 */
class MapReduceEngineIT extends EngineContract {
    @Override
    protected Engine engine(Configuration conf, int maxConnections, int maxAttempts) {
        return new MapReduceEngine(conf, maxConnections, maxAttempts);
    }

    @Override
    protected Configuration conf() {
        return MiniYarn.conf();
    }

    @Override
    protected URI newTarget() {
        return URI.create(MiniHdfs.uri() + "/replica-" + UUID.randomUUID());
    }

    @Override
    protected java.nio.file.Path localCopy(Path partitionDir) throws IOException {
        java.nio.file.Path local = Files.createTempDirectory("mr-partition");
        FileSystem fs = partitionDir.getFileSystem(conf());
        for (FileStatus file : fs.listStatus(partitionDir)) {
            fs.copyToLocalFile(file.getPath(), new Path(local.resolve(file.getPath().getName()).toUri()));
        }
        return local;
    }

    @Test
    void aSpeculativeAttemptBesideADeliberatelySlowOne_stillCommitsEveryRowOnce() throws Exception {
        Configuration conf = conf();
        conf.setBoolean("mapreduce.map.speculative", true);
        // Split 0's first attempt waits 60 s before it reads; the speculator may start another at once.
        conf.setLong(SLOW_FIRST_ATTEMPT_MS, 60_000);
        conf.setInt(SLOW_SPLIT, 0);
        conf.setLong("mapreduce.job.speculative.retry-after-no-speculate", 500);
        conf.setLong("mapreduce.job.speculative.retry-after-speculate", 2000);

        long started = System.nanoTime();
        RunSummary summary = copy(conf, newTarget(), SPLITS, 2, null);

        // The ninth attempt is the speculative one, and it won: the slow one would still be waiting.
        assertThat(summary.attempts).isEqualTo(SPLITS + 1);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(60);
        assertExactlyOnce(summary);
    }

    @Test
    void theSummaryNamesTheYarnApplication() throws Exception {
        RunSummary summary = copy(conf(), newTarget(), 4, 2, "id <= 100");

        assertThat(summary.engine).isEqualTo("mapreduce");
        assertThat(summary.applicationId).matches("application_\\d+_\\d+");
        assertThat(summary.rows).isEqualTo(100);
    }

    @Test
    void theSourcePasswordIsInNoJobConfigurationAndNoLog() throws Exception {
        copy(conf(), newTarget(), 4, 2, "id <= 100");
        String password = PostgresServer.shared().password();

        List<String> confs = new ArrayList<>();
        FileSystem fs = FileSystem.get(MiniHdfs.uri(), conf());
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(new Path("/"), true);
        while (files.hasNext()) {
            Path path = files.next().getPath();
            if (path.getName().endsWith(".xml") || path.getName().endsWith(".jhist")) {
                confs.add(new String(fs.open(path).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(confs).as("job configurations and histories on HDFS").isNotEmpty()
                .noneMatch(text -> text.contains(password));
        try (Stream<java.nio.file.Path> logs = Files.walk(MiniYarn.testDir().toPath())) {
            // The credentials files (container_tokens) are the channel itself: readable by the job alone.
            assertThat(logs.filter(Files::isRegularFile).filter(MapReduceEngineIT::readable)
                    .filter(f -> !f.getFileName().toString().contains("token")))
                    .noneMatch(log -> contains(log, password));
        }
    }

    private static boolean readable(java.nio.file.Path file) {
        return Files.isReadable(file);
    }

    private static boolean contains(java.nio.file.Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
