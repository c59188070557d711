package org.runreplicator.ledger;

import java.time.Duration;
import java.util.Objects;
import org.runreplicator.Secret;
import org.runreplicator.ledger.bigquery.BigQueryLedger;

/**
 * Everything needed to open a ledger, resolved at the edge (command line, environment) into an
 * immutable value: core never reads {@code BIGQUERY_EMULATOR_HOST} or a password file itself.
 */
public final class LedgerOptions {
    private final LedgerSpec spec;
    private final String table;
    private final String user;
    private final Secret password;
    private final String bigQueryEmulatorHost;
    private final boolean createTable;
    private final boolean optional;
    private final LedgerRetry retry;
    private final Duration callTimeout;

    private LedgerOptions(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.table = b.table;
        this.user = b.user;
        this.password = b.password;
        this.bigQueryEmulatorHost = b.bigQueryEmulatorHost;
        this.createTable = b.createTable;
        this.optional = b.optional;
        this.retry = b.retry;
        this.callTimeout = b.callTimeout;
    }

    public static Builder builder(LedgerSpec spec) {
        return new Builder(spec);
    }

    public LedgerSpec spec() {
        return spec;
    }

    /** {@code [schema.]table} of a JDBC or embedded ledger. */
    public String table() {
        return table;
    }

    /** JDBC user; may be null (the URL may name it). */
    public String user() {
        return user;
    }

    /** JDBC password; may be null (the URL may carry it). */
    public Secret password() {
        return password;
    }

    /** {@code host:port} of a BigQuery emulator, or null for BigQuery itself. */
    public String bigQueryEmulatorHost() {
        return bigQueryEmulatorHost;
    }

    /** {@code --ledger-create}: create the table when it is missing. */
    public boolean createTable() {
        return createTable;
    }

    /** {@code --ledger-optional}: a ledger that cannot be written is warned about once, and the run goes on without it. */
    public boolean optional() {
        return optional;
    }

    public LedgerRetry retry() {
        return retry;
    }

    /** How long one BigQuery call may take. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Builds {@link LedgerOptions}. */
    public static final class Builder {
        private final LedgerSpec spec;
        private String table = LedgerSpec.DEFAULT_TABLE;
        private String user;
        private Secret password;
        private String bigQueryEmulatorHost;
        private boolean createTable;
        private boolean optional;
        private LedgerRetry retry = LedgerRetry.defaults();
        private Duration callTimeout = BigQueryLedger.DEFAULT_CALL_TIMEOUT;

        private Builder(LedgerSpec spec) {
            this.spec = spec;
        }

        public Builder table(String v) {
            this.table = v;
            return this;
        }

        public Builder user(String v) {
            this.user = v;
            return this;
        }

        public Builder password(Secret v) {
            this.password = v;
            return this;
        }

        public Builder bigQueryEmulatorHost(String v) {
            this.bigQueryEmulatorHost = v;
            return this;
        }

        public Builder createTable(boolean v) {
            this.createTable = v;
            return this;
        }

        public Builder optional(boolean v) {
            this.optional = v;
            return this;
        }

        public Builder retry(LedgerRetry v) {
            this.retry = v;
            return this;
        }

        public Builder callTimeout(Duration v) {
            this.callTimeout = v;
            return this;
        }

        public LedgerOptions build() {
            return new LedgerOptions(this);
        }
    }
}
