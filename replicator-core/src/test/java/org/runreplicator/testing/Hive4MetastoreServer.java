package org.runreplicator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Hive 4.0.1 metastore server (Dataproc 3.0's Hive) in a child process: Hive's own
 * {@code HiveMetaStore} main over Derby, bound to loopback ({@code metastore.thrift.bind.host}), on
 * the classpath bin/test resolves once ({@code $HIVE4_METASTORE_CLASSPATH}). Its classes share
 * packages with the Hive 3.1.3 client under test, so it cannot run in this JVM.
 */
public final class Hive4MetastoreServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private Hive4MetastoreServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server whose Derby database and warehouse live under {@code dir}; {@code settings} reach its configuration. */
    public static Hive4MetastoreServer start(Path dir, Map<String, String> settings) {
        String classpathFile = System.getenv("HIVE4_METASTORE_CLASSPATH");
        if (classpathFile == null || classpathFile.isBlank()) {
            throw new IllegalStateException("HIVE4_METASTORE_CLASSPATH is not set: run the tests through bin/test, which resolves"
                    + " the Hive 4 metastore server once (cached) and exports the variable");
        }
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            StringBuilder site = new StringBuilder("<configuration>\n");
            property(site, "javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true");
            property(site, "javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
            property(site, "datanucleus.schema.autoCreateAll", "true");
            property(site, "metastore.schema.verification", "false");
            property(site, "metastore.thrift.bind.host", "127.0.0.1");
            property(site, "metastore.warehouse.dir", dir.resolve("warehouse").toUri().toString());
            // Standalone: the default expression proxy lives in hive-exec; housekeeping threads are not needed.
            property(site, "metastore.expression.proxy", "org.apache.hadoop.hive.metastore.DefaultPartitionExpressionProxy");
            property(site, "metastore.task.threads.always", "org.apache.hadoop.hive.metastore.events.EventCleanerTask");
            property(site, "metastore.task.threads.remote", "");
            property(site, "metastore.event.db.notification.api.auth", "false");
            settings.forEach((k, v) -> property(site, k, v));
            Files.writeString(conf.resolve("metastore-site.xml"), site.append("</configuration>\n"));
            int port = FakeGcsServer.freePort();
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED", "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
                    "-cp", conf + java.io.File.pathSeparator + Files.readString(Paths.get(classpathFile)).trim(),
                    "org.apache.hadoop.hive.metastore.HiveMetaStore", "-p", String.valueOf(port)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
            builder.environment().put("METASTORE_CONF_DIR", conf.toString());
            Hive4MetastoreServer server = new Hive4MetastoreServer(builder.start(), port);
            server.awaitListening(dir.resolve("server.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Hive 4 metastore in " + dir, e);
        }
    }

    private static void property(StringBuilder site, String name, String value) {
        site.append("  <property><name>").append(name).append("</name><value>").append(value).append("</value></property>\n");
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Hive 4 metastore exited with " + process.exitValue() + ": see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("The Hive 4 metastore did not listen on port " + port + " within 120 s: see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return URI.create("thrift://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
