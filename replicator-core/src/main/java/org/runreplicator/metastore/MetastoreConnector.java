package org.runreplicator.metastore;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.RetryingMetaStoreClient;
import org.runreplicator.ReplicatorException;

/**
 * Opens Hive's own Thrift client through its retrying proxy ({@link RetryingMetaStoreClient}),
 * configured only from {@link MetastoreOptions}: nothing is read from the classpath or the
 * environment here. The proxy reconnects and repeats a call that failed in transport; every call
 * this package makes is safe to repeat (creates that find the object there are taken as done,
 * alters set absolute values).
 */
final class MetastoreConnector {
    // MetastoreConf reads these names before their hive.metastore.* aliases, so the typed options win.
    static final String URIS = "metastore.thrift.uris";
    static final String SOCKET_TIMEOUT = "metastore.client.socket.timeout";
    static final String CONNECT_RETRIES = "metastore.connect.retries";
    static final String FAILURE_RETRIES = "metastore.failure.retries";
    static final String RETRY_DELAY = "metastore.client.connect.retry.delay";

    private MetastoreConnector() {
    }

    /** A connected client; a TARGET failure naming the metastore and why when it cannot connect in the options' bounds. */
    static IMetaStoreClient connect(MetastoreOptions options) {
        try {
            return RetryingMetaStoreClient.getProxy(configuration(options), false);
        } catch (Exception | LinkageError e) {
            throw ReplicatorException.target("Cannot connect to " + options.describe() + ": " + rootMessage(e), e);
        }
    }

    static Configuration configuration(MetastoreOptions options) {
        Configuration conf = new Configuration(false);
        for (Map.Entry<String, String> property : options.clientProperties().entrySet()) {
            conf.set(property.getKey(), property.getValue());
        }
        conf.set(URIS, options.uris().stream().map(URI::toString).collect(Collectors.joining(",")));
        conf.set(SOCKET_TIMEOUT, options.callTimeout().toMillis() + "ms");
        conf.setInt(CONNECT_RETRIES, options.connectAttempts());
        conf.setInt(FAILURE_RETRIES, options.callAttempts() - 1);
        conf.set(RETRY_DELAY, options.retryDelay().toMillis() + "ms");
        return conf;
    }

    /**
     * The innermost message's first line: Thrift and the proxy wrap the reason several times, and
     * the metastore client puts a whole stack trace into its "could not connect" message.
     */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? root.getClass().getSimpleName() : message.strip().split("\\R", 2)[0].strip();
    }
}
