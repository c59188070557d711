package org.runreplicator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MiniDFSCluster and MiniMRYarnCluster in a JVM of their own (the launcher's
 * {@code MiniClusterMain}, built with its tests), for {@link Contestant#REPLICATOR_YARN}: it writes
 * the cluster's client configuration into {@link #confDir} and runs until its standard input
 * closes. Started once, untimed, before the rounds.
 */
final class MiniYarnProcess implements AutoCloseable {
    private static final String JDK17_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    private final Process process;

    private MiniYarnProcess(Process process) {
        this.process = process;
    }

    /** Where the cluster's {@code *-site.xml} are: first on the job jar's classpath, as {@code HADOOP_CONF_DIR} is. */
    static Path confDir(BenchSettings s) {
        return s.work.resolve("yarn-conf");
    }

    static MiniYarnProcess start(BenchSettings s, Path log) throws IOException, InterruptedException {
        Path launcher = s.replicatorHome.resolve("replicator-launcher/target");
        Path classes = launcher.resolve("test-classes");
        if (!Files.isDirectory(classes) || !Files.exists(launcher.resolve("minicluster.classpath"))) {
            throw new IOException("The mini YARN cluster needs the launcher's test classes and target/minicluster.classpath;"
                    + " bin/replicator builds them");
        }
        Path workDir = Files.createDirectories(s.work.resolve("yarn"));
        Files.deleteIfExists(confDir(s).resolve("core-site.xml"));
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx1536m", "-Duser.timezone=UTC"));
        command.addAll(List.of(JDK17_OPENS.split(" ")));
        command.addAll(List.of("-cp", classes + ":" + Files.readString(launcher.resolve("minicluster.classpath")).trim(),
                "org.runreplicator.mapreduce.MiniClusterMain", confDir(s).toString()));
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A benchmark stopped by a signal skips its finally blocks: the cluster must not outlive it.
        MiniYarnProcess cluster = new MiniYarnProcess(process);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-mini-yarn"));
        try {
            cluster.awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Asks the cluster to stop (its standard input closes), then ends it by force if it has not within 20 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("The mini YARN cluster exited with status " + process.exitValue() + "; see " + log);
            }
            if (Files.readAllLines(log).contains("ready")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("The mini YARN cluster was not ready within 3 minutes; see " + log);
    }
}
