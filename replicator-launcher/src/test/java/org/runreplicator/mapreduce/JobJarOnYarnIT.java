package org.runreplicator.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.cli.JobJar;
import org.runreplicator.testing.MiniHdfs;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;

/**
 * The job jar as {@code hadoop jar} runs it on a cluster: a separate JVM with the shaded jar on a
 * classpath of Hadoop 3.3.6's client jars and the cluster's configuration directory, submitting
 * to the MiniMRYarnCluster. The containers get Hadoop's jars without this project's classes
 * ({@link MiniYarn#frameworkClasspath}), so every map task runs the shaded jar's classes: no
 * classpath clash between what it bundles and what the cluster provides.
 */
class JobJarOnYarnIT {
    private static final int ROWS = 20_000;

    @TempDir
    java.nio.file.Path confDir;

    @Test
    void theShadedJarInItsOwnJvm_copiesATableThroughYarn_everyRowOnce() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String database = server.createDatabase("jobjar");
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA eng");
            s.execute("CREATE TABLE eng.items (id bigint PRIMARY KEY, payload text, amount numeric(12,2))");
            s.execute("INSERT INTO eng.items SELECT x, 'item ' || x, x / 4.0 FROM generate_series(1, " + ROWS + ") x");
        }
        Configuration cluster = MiniYarn.writeClientConf(confDir);
        String target = MiniHdfs.uri() + "/jobjar-" + UUID.randomUUID();

        JobJar.Outcome run = JobJar.run(confDir, List.of(), Map.of("PG_PASSWORD", server.password()), Duration.ofMinutes(5),
                "-D", "mapreduce.job.queuename=default", "run", "eng", "items",
                "--source-url", server.jdbcUrl(database), "--source-user", server.user(), "--source-password-env", "PG_PASSWORD",
                "--target", target, "--partition", "ds=2024-05-01", "--engine", "mapreduce",
                "--split-method", "range", "--split-by", "id", "--splits", "8", "--max-connections", "2", "--metastore", "none");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Submitted MapReduce job job_").doesNotContain("job_local").doesNotContain(server.password());
        assertThat(run.lastLine()).contains("\"status\":\"SUCCEEDED\"", "\"rows\":" + ROWS, "\"engine\":\"mapreduce\"")
                .containsPattern("\"applicationId\":\"application_\\d+_\\d+\"");
        java.nio.file.Path local = Files.createTempDirectory(confDir, "partition");
        Path partition = new Path(target + "/eng/items/ds=2024-05-01");
        FileSystem fs = partition.getFileSystem(cluster);
        for (FileStatus file : fs.listStatus(partition)) {
            fs.copyToLocalFile(file.getPath(), new Path(local.resolve(file.getPath().getName()).toUri()));
        }
        assertThat(ParquetReadback.query(local, "count(*) AS n, count(DISTINCT id) AS d, min(id) AS lo, max(id) AS hi", "n").rows())
                .containsExactly(List.of((long) ROWS, (long) ROWS, 1L, (long) ROWS));
    }
}
