package org.runreplicator.run;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.commit.LeasePolicy;
import org.runreplicator.parquet.WriterSettings;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.split.SplitRequest;
import org.runreplicator.types.ParquetFlavor;

/**
 * Everything one run needs, resolved once at the edge (command line, config file, environment)
 * into an immutable value. Core code reads options only from here.
 */
public final class RunOptions {
    public static final int DEFAULT_SPLITS = 4;
    public static final int DEFAULT_MAX_CONNECTIONS = 4;
    public static final int DEFAULT_FETCH_SIZE = 10_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final String DEFAULT_ENVIRONMENT = "GCP";
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final TableRef table;
    private final String sourceUrl;
    private final String sourceUser;
    private final Secret sourcePassword;
    private final Properties connectionProperties;
    private final URI target;
    private final PartitionSpec partition;
    private final Instant tdTimestamp;
    private final SplitRequest split;
    private final int maxConnections;
    private final int fetchSize;
    private final int maxAttempts;
    private final Map<String, String> columnTypeOverrides;
    private final boolean trimChar;
    private final ParquetFlavor parquetFlavor;
    private final WriterSettings writer;
    private final String jobId;
    private final String environment;
    private final LeasePolicy lease;
    private final boolean allowChangingSource;
    private final SourceLock sourceLock;

    private RunOptions(Builder b) {
        this.table = b.table;
        this.sourceUrl = b.sourceUrl;
        this.sourceUser = b.sourceUser;
        this.sourcePassword = b.sourcePassword;
        this.connectionProperties = new Properties();
        this.connectionProperties.putAll(b.connectionProperties);
        this.target = b.target;
        this.partition = b.partition != null ? b.partition : PartitionSpec.defaultFor(b.tdTimestamp);
        this.tdTimestamp = b.tdTimestamp;
        this.split = new SplitRequest(b.splitMethod, b.splitBy, b.splits, b.where);
        this.maxConnections = b.maxConnections;
        this.fetchSize = b.fetchSize;
        this.maxAttempts = b.maxAttempts;
        this.columnTypeOverrides = Map.copyOf(b.columnTypeOverrides);
        this.trimChar = b.trimChar;
        this.parquetFlavor = b.parquetFlavor;
        this.writer = b.writer;
        this.jobId = b.jobId;
        this.environment = b.environment;
        this.lease = new LeasePolicy(b.leaseTtl, b.waitForLock);
        this.allowChangingSource = b.allowChangingSource;
        this.sourceLock = b.sourceLock;
    }

    /** The lock the user asked the copy to take on the table ({@code --source-lock}), or null for the source's default. */
    public SourceLock sourceLock() {
        return sourceLock;
    }

    /**
     * Whether a copy may commit when its splits copied other than the table's count at the start,
     * on a source without a shared snapshot ({@code --allow-changing-source}).
     */
    public boolean allowChangingSource() {
        return allowChangingSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    public TableRef table() {
        return table;
    }

    public String sourceUrl() {
        return sourceUrl;
    }

    /** May be null: the URL or the driver's defaults then decide. */
    public String sourceUser() {
        return sourceUser;
    }

    /** May be null. */
    public Secret sourcePassword() {
        return sourcePassword;
    }

    /** Extra driver properties (user's); a copy. */
    public Properties connectionProperties() {
        Properties copy = new Properties();
        copy.putAll(connectionProperties);
        return copy;
    }

    /** Base URI: {@code file:///...}, {@code hdfs://...}, {@code gs://bucket/prefix}; null for a plan, which writes nothing. */
    public URI target() {
        return target;
    }

    public PartitionSpec partition() {
        return partition;
    }

    /** The on-prem run this one mirrors; may be null. */
    public Instant tdTimestamp() {
        return tdTimestamp;
    }

    public SplitRequest split() {
        return split;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int fetchSize() {
        return fetchSize;
    }

    /** Attempts per split for transient failures (1 = no retry). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@code --map-column COL=TYPE}: column name (as the source spells it, case-insensitive) to the target type name. */
    public Map<String, String> columnTypeOverrides() {
        return columnTypeOverrides;
    }

    public boolean trimChar() {
        return trimChar;
    }

    /** Which Parquet encodings decimals and timestamps get: the readers' choice. */
    public ParquetFlavor parquetFlavor() {
        return parquetFlavor;
    }

    public WriterSettings writer() {
        return writer;
    }

    public String jobId() {
        return jobId;
    }

    /** How the run holds its partition's lease, and how long it waits for another run's. */
    public LeasePolicy lease() {
        return lease;
    }

    /** The ledger environment this run reports as: {@code GCP} by default, {@code ONPREM} for on-prem runs. */
    public String environment() {
        return environment;
    }

    /** Builds {@link RunOptions}; required: table, source URL, job id (and, to run rather than plan, a target). */
    public static final class Builder {
        private TableRef table;
        private String sourceUrl;
        private String sourceUser;
        private Secret sourcePassword;
        private final Properties connectionProperties = new Properties();
        private URI target;
        private PartitionSpec partition;
        private Instant tdTimestamp;
        private SplitMethod splitMethod = SplitMethod.AUTO;
        private String splitBy;
        private int splits = DEFAULT_SPLITS;
        private String where;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Map<String, String> columnTypeOverrides = Map.of();
        private boolean trimChar;
        private ParquetFlavor parquetFlavor = ParquetFlavor.DEFAULT;
        private WriterSettings writer = WriterSettings.defaults();
        private String jobId;
        private String environment = DEFAULT_ENVIRONMENT;
        private Duration leaseTtl = LeasePolicy.DEFAULT_TTL;
        private Duration waitForLock = Duration.ZERO;
        private boolean allowChangingSource;
        private SourceLock sourceLock;

        public Builder table(TableRef v) {
            this.table = v;
            return this;
        }

        public Builder sourceUrl(String v) {
            this.sourceUrl = v;
            return this;
        }

        public Builder sourceUser(String v) {
            this.sourceUser = v;
            return this;
        }

        public Builder sourcePassword(Secret v) {
            this.sourcePassword = v;
            return this;
        }

        public Builder connectionProperty(String key, String value) {
            this.connectionProperties.setProperty(key, value);
            return this;
        }

        public Builder target(URI v) {
            this.target = v;
            return this;
        }

        public Builder partition(PartitionSpec v) {
            this.partition = v;
            return this;
        }

        public Builder tdTimestamp(Instant v) {
            this.tdTimestamp = v;
            return this;
        }

        public Builder splitMethod(SplitMethod v) {
            this.splitMethod = v;
            return this;
        }

        public Builder splitBy(String v) {
            this.splitBy = v;
            return this;
        }

        public Builder splits(int v) {
            this.splits = v;
            return this;
        }

        public Builder where(String v) {
            this.where = v;
            return this;
        }

        public Builder maxConnections(int v) {
            this.maxConnections = v;
            return this;
        }

        public Builder fetchSize(int v) {
            this.fetchSize = v;
            return this;
        }

        public Builder maxAttempts(int v) {
            this.maxAttempts = v;
            return this;
        }

        public Builder columnTypeOverrides(Map<String, String> v) {
            this.columnTypeOverrides = v;
            return this;
        }

        public Builder trimChar(boolean v) {
            this.trimChar = v;
            return this;
        }

        public Builder parquetFlavor(ParquetFlavor v) {
            this.parquetFlavor = v;
            return this;
        }

        public Builder writer(WriterSettings v) {
            this.writer = v;
            return this;
        }

        public Builder jobId(String v) {
            this.jobId = v;
            return this;
        }

        /** How long a run may stall before its partition's lease expires (tests shorten it). */
        public Builder leaseTtl(Duration v) {
            this.leaseTtl = v;
            return this;
        }

        public Builder allowChangingSource(boolean v) {
            this.allowChangingSource = v;
            return this;
        }

        public Builder sourceLock(SourceLock v) {
            this.sourceLock = v;
            return this;
        }

        public Builder waitForLock(Duration v) {
            this.waitForLock = v;
            return this;
        }

        public Builder environment(String v) {
            this.environment = v;
            return this;
        }

        public RunOptions build() {
            require(table != null, "a table (DB TABLE)");
            require(sourceUrl != null && !sourceUrl.isBlank(), "--source-url");
            require(jobId != null && !jobId.isBlank(), "a job id");
            positive(splits, "--splits");
            positive(maxConnections, "--max-connections");
            positive(fetchSize, "--fetch-size");
            positive(maxAttempts, "attempts");
            if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
                throw ReplicatorException.usage("Invalid --environment '" + environment
                        + "': expected a name such as GCP or ONPREM");
            }
            return new RunOptions(this);
        }

        private static void require(boolean ok, String what) {
            if (!ok) {
                throw ReplicatorException.usage("Missing " + what);
            }
        }

        private static void positive(int value, String what) {
            if (value < 1) {
                throw ReplicatorException.usage("Invalid " + what + " " + value + ": must be at least 1");
            }
        }
    }
}
