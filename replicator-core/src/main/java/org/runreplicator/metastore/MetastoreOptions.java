package org.runreplicator.metastore;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.runreplicator.ReplicatorException;

/**
 * Where the Hive Metastore is and how long a run may wait for it, resolved at the edge (command
 * line, {@code hive-site.xml}, {@code -D hive.metastore.*}) into an immutable value. The bounds
 * make a metastore that is down fail the run: each attempt to connect or to answer one call waits
 * at most {@link #callTimeout}; a call is tried {@link #callAttempts} times, each reconnecting
 * through up to {@link #connectAttempts} rounds over the URIs.
 */
public final class MetastoreOptions {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_CONNECT_ATTEMPTS = 3;
    public static final int DEFAULT_CALL_ATTEMPTS = 2;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);

    private final List<URI> uris;
    private final Duration callTimeout;
    private final int connectAttempts;
    private final int callAttempts;
    private final Duration retryDelay;
    private final Map<String, String> clientProperties;
    private final SchemaChangePolicy schemaChange;

    private MetastoreOptions(Builder b) {
        if (b.uris.isEmpty()) {
            throw ReplicatorException.usage("No Hive Metastore URI: give --metastore thrift://HOST:PORT or a hive-site.xml"
                    + " with hive.metastore.uris");
        }
        for (URI uri : b.uris) {
            if (!"thrift".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw ReplicatorException.usage("Invalid Hive Metastore URI '" + uri + "': expected thrift://HOST:PORT");
            }
        }
        if (b.callTimeout.isNegative() || b.callTimeout.isZero() || b.connectAttempts < 1 || b.callAttempts < 1) {
            throw ReplicatorException.usage("Invalid Hive Metastore bounds: the call timeout must be positive and every"
                    + " attempt count at least 1");
        }
        this.uris = List.copyOf(b.uris);
        this.callTimeout = b.callTimeout;
        this.connectAttempts = b.connectAttempts;
        this.callAttempts = b.callAttempts;
        this.retryDelay = b.retryDelay;
        this.clientProperties = Map.copyOf(b.clientProperties);
        this.schemaChange = b.schemaChange;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code thrift://host:port}, tried in order. */
    public List<URI> uris() {
        return uris;
    }

    /** Bound on connecting and on waiting for one answer. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Rounds over the URIs when connecting. */
    public int connectAttempts() {
        return connectAttempts;
    }

    /** Attempts per call; each after the first reconnects. */
    public int callAttempts() {
        return callAttempts;
    }

    public Duration retryDelay() {
        return retryDelay;
    }

    /** Other client settings ({@code hive.metastore.*}, {@code metastore.*}: SASL, Kerberos principal...), passed as given. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    public SchemaChangePolicy schemaChange() {
        return schemaChange;
    }

    /** "the Hive Metastore at thrift://a:9083,thrift://b:9083". */
    public String describe() {
        return "the Hive Metastore at " + uris.stream().map(URI::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return describe();
    }

    public static final class Builder {
        private List<URI> uris = List.of();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int connectAttempts = DEFAULT_CONNECT_ATTEMPTS;
        private int callAttempts = DEFAULT_CALL_ATTEMPTS;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private final Map<String, String> clientProperties = new LinkedHashMap<>();
        private SchemaChangePolicy schemaChange = SchemaChangePolicy.DEFAULT;

        public Builder uris(List<URI> uris) {
            this.uris = List.copyOf(uris);
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder connectAttempts(int attempts) {
            this.connectAttempts = attempts;
            return this;
        }

        public Builder callAttempts(int attempts) {
            this.callAttempts = attempts;
            return this;
        }

        public Builder retryDelay(Duration delay) {
            this.retryDelay = Objects.requireNonNull(delay);
            return this;
        }

        public Builder clientProperty(String key, String value) {
            this.clientProperties.put(key, value);
            return this;
        }

        public Builder schemaChange(SchemaChangePolicy policy) {
            this.schemaChange = Objects.requireNonNull(policy);
            return this;
        }

        public MetastoreOptions build() {
            return new MetastoreOptions(this);
        }
    }
}
