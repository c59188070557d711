package org.runreplicator.metastore;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.IHMSHandler;
import org.apache.hadoop.hive.metastore.RetryingHMSHandler;
import org.apache.hadoop.hive.metastore.TSetIpAddressProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportFactory;
import org.runreplicator.ReplicatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Hive Metastore 3.1.3 in this JVM: Hive's own handler over a Derby database in a local
 * directory, served over Thrift on a free loopback port (never on other interfaces). For the demo
 * and the tests; it needs DataNucleus and Derby on the classpath, which the job jar does not carry.
 * A fresh database takes about 15 s to create its schema on two cores.
 */
public final class EmbeddedMetastore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMetastore.class);
    private static final int MAX_WORKER_THREADS = 64;
    // DataNucleus logs through java.util.logging when log4j is absent; kept here so the setting is not collected.
    private static final java.util.logging.Logger DATANUCLEUS = java.util.logging.Logger.getLogger("DataNucleus");

    private final TServer server;
    private final Thread thread;
    private final int port;

    private EmbeddedMetastore(TServer server, Thread thread, int port) {
        this.server = server;
        this.thread = thread;
        this.port = port;
    }

    /**
     * Starts a metastore whose Derby database lives in {@code directory} (created if missing) and
     * whose default warehouse is {@code directory/warehouse}. {@code serverSettings} reach the
     * server's Hadoop configuration (file system settings for the locations it checks).
     */
    public static EmbeddedMetastore start(Path directory, Map<String, String> serverSettings) {
        DATANUCLEUS.setLevel(java.util.logging.Level.SEVERE);
        // Derby writes its log into the working directory unless told otherwise.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toString());
        }
        try {
            Configuration conf = serverConf(directory, serverSettings);
            IHMSHandler handler = RetryingHMSHandler.getProxy(conf, new HiveMetaStore.HMSHandler("embedded metastore", conf, false), true);
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = socket.getLocalPort();
            TThreadPoolServer.Args args = new TThreadPoolServer.Args(new TServerSocket(socket))
                    .processor(new TSetIpAddressProcessor<>(handler))
                    .transportFactory(new TTransportFactory())
                    .protocolFactory(new TBinaryProtocol.Factory())
                    .minWorkerThreads(4)
                    .maxWorkerThreads(MAX_WORKER_THREADS)
                    .stopTimeoutVal(1);
            args.stopTimeoutUnit = TimeUnit.SECONDS;
            TServer server = new TThreadPoolServer(args);
            Thread thread = new Thread(server::serve, "embedded-metastore-" + port);
            thread.setDaemon(true);
            thread.start();
            LOG.info("Embedded Hive Metastore serving {} at thrift://127.0.0.1:{}", directory, port);
            return new EmbeddedMetastore(server, thread, port);
        } catch (Exception e) {
            throw ReplicatorException.target("Cannot start an embedded Hive Metastore in " + directory + ": "
                    + MetastoreConnector.rootMessage(e), e);
        } catch (LinkageError e) {
            throw ReplicatorException.usage("Cannot start an embedded Hive Metastore: " + e
                    + " (it needs DataNucleus and Derby on the classpath, as bin/replicator provides)");
        }
    }

    private static Configuration serverConf(Path directory, Map<String, String> serverSettings) {
        Configuration conf = new Configuration(false);
        String derby = directory.resolve("metastore_db").toAbsolutePath().toString();
        conf.set("javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + derby + ";create=true");
        conf.set("javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        conf.set("datanucleus.schema.autoCreateAll", "true");
        conf.set("metastore.schema.verification", "false");
        conf.set("datanucleus.connectionPoolingType", "None");
        conf.set("metastore.warehouse.dir", directory.resolve("warehouse").toUri().toString());
        // Standalone mode: the default expression proxy and the replication dump-dir cleaner live in hive-exec,
        // which is not here. The handler loads the task classes even though their threads are never started.
        conf.set("metastore.expression.proxy", "org.apache.hadoop.hive.metastore.DefaultPartitionExpressionProxy");
        conf.set("metastore.task.threads.always", "org.apache.hadoop.hive.metastore.events.EventCleanerTask,"
                + "org.apache.hadoop.hive.metastore.RuntimeStatsCleanerTask");
        conf.set("metastore.event.db.notification.api.auth", "false");
        serverSettings.forEach(conf::set);
        return conf;
    }

    /**
     * Serves a metastore from the Derby database in {@code args[0]} until standard input closes; the
     * first line on standard output is its {@code thrift://} URI. For checks whose own classpath
     * cannot hold Hive 3.1.3's server (Spark brings Hive 2.3's client), run as a child process.
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 1) {
            System.err.println("usage: EmbeddedMetastore DIRECTORY");
            System.exit(2);
        }
        try (EmbeddedMetastore metastore = start(java.nio.file.Paths.get(args[0]), Map.of())) {
            System.out.println(metastore.uri());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our input
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code thrift://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("thrift://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
