package org.runreplicator.mapreduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mini HDFS and YARN cluster as a process of its own, for the benchmark: writes the client
 * configuration into the directory named by its one argument ({@link MiniYarn#writeClientConf}),
 * prints {@code ready}, and runs until its standard input closes. Started with
 * {@code target/test-classes} and {@code target/minicluster.classpath}.
 */
public final class MiniClusterMain {
    private MiniClusterMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MiniClusterMain CONF_DIR");
            System.exit(2);
        }
        Path confDir = Files.createDirectories(Path.of(args[0]));
        MiniYarn.writeClientConf(confDir);
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until whoever started it closes our standard input (or ends).
        }
        System.exit(0);
    }
}
