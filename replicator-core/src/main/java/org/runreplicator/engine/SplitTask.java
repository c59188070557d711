package org.runreplicator.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.fs.Path;
import org.runreplicator.parquet.WriterSettings;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.SourceTable;
import org.runreplicator.split.Split;
import org.runreplicator.types.ParquetFlavor;

/**
 * Everything one split's attempts need, as a plain serializable value that crosses a process
 * boundary unchanged (a map task receives it in its input split): the source table and how its
 * columns map, the split's predicate, the writer settings and where the attempts write. It
 * holds no password: only whether the run has one, which each engine delivers its own way (see
 * {@link Engine}). The source URL and driver properties travel as the user gave them; a
 * password written into them is read by the job only (a map task's input split lives in the
 * job's staging directory, never in its configuration).
 */
public final class SplitTask implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String ATTEMPT_PREFIX = "attempt-";

    private final String runId;
    private final Split split;
    private final SourceTable table;
    private final String dialectClass;
    private final String sourceUrl;
    private final String sourceUser;
    private final Properties connectionProperties;
    private final boolean hasPassword;
    private final HashMap<String, String> columnTypeOverrides;
    private final boolean trimChar;
    private final ParquetFlavor flavor;
    private final String userWhere;
    private final int fetchSize;
    private final WriterSettings writer;
    private final HashMap<String, String> footer;
    private final String splitDir;
    private final String snapshot;
    private final SourceLock lock;

    private SplitTask(Builder b, Split split, String splitDir) {
        this.runId = b.runId;
        this.split = split;
        this.table = b.table;
        this.dialectClass = b.dialect.getClass().getName();
        this.sourceUrl = b.sourceUrl;
        this.sourceUser = b.sourceUser;
        this.connectionProperties = new Properties();
        this.connectionProperties.putAll(b.connectionProperties);
        this.hasPassword = b.hasPassword;
        this.columnTypeOverrides = new HashMap<>(b.columnTypeOverrides);
        this.trimChar = b.trimChar;
        this.flavor = b.flavor;
        this.userWhere = b.userWhere;
        this.fetchSize = b.fetchSize;
        this.writer = b.writer;
        this.footer = new HashMap<>(b.footer);
        this.splitDir = splitDir;
        this.snapshot = b.snapshot;
        this.lock = b.lock;
    }

    /** The settings every split of one run shares; {@link Builder#build} adds the split and its directory. */
    public static Builder builder() {
        return new Builder();
    }

    public String runId() {
        return runId;
    }

    public Split split() {
        return split;
    }

    public SourceTable table() {
        return table;
    }

    /** A fresh instance of the dialect the run planned with (dialects have public no-argument constructors). */
    public SourceDialect dialect() {
        try {
            return (SourceDialect) Class.forName(dialectClass).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create source dialect " + dialectClass, e);
        }
    }

    public String sourceUrl() {
        return sourceUrl;
    }

    public String sourceUser() {
        return sourceUser;
    }

    public Properties connectionProperties() {
        Properties copy = new Properties();
        copy.putAll(connectionProperties);
        return copy;
    }

    /** Whether the engine must hand the attempt the run's password. */
    public boolean hasPassword() {
        return hasPassword;
    }

    public Map<String, String> columnTypeOverrides() {
        return Map.copyOf(columnTypeOverrides);
    }

    public boolean trimChar() {
        return trimChar;
    }

    public ParquetFlavor flavor() {
        return flavor;
    }

    /** The source snapshot every split reads ({@link SourceDialect#exportSnapshot}), or null. */
    public String snapshot() {
        return snapshot;
    }

    /** The lock the split's requests take on the table ({@link SourceDialect#withLock}), or null. */
    public SourceLock lock() {
        return lock;
    }

    /** The user's {@code --where}, or null. */
    public String userWhere() {
        return userWhere;
    }

    public int fetchSize() {
        return fetchSize;
    }

    /** The writer settings asked for; an attempt fits the row group to its own heap. */
    public WriterSettings writer() {
        return writer;
    }

    /** Key/value pairs every file's footer carries. */
    public Map<String, String> footer() {
        return Map.copyOf(footer);
    }

    /** The split's staging directory: each attempt writes apart below it, and the winner's result is recorded in it. */
    public Path splitDir() {
        return new Path(splitDir);
    }

    /** Where attempt {@code attempt} (1-based) writes. */
    public Path attemptDir(int attempt) {
        return new Path(splitDir(), ATTEMPT_PREFIX + attempt);
    }

    /** The file name prefix of this split's Parquet files: unique within the partition. */
    public String filePrefix() {
        return String.format(Locale.ROOT, "part-%05d", split.index());
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialize " + this, e);
        }
        return bytes.toByteArray();
    }

    public static SplitTask fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (SplitTask) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read a split task (" + bytes.length + " bytes)", e);
        }
    }

    @Override
    public String toString() {
        return table.ref() + " " + split;
    }

    /** The run-wide part of a task. */
    public static final class Builder {
        private String runId;
        private SourceTable table;
        private SourceDialect dialect;
        private String sourceUrl;
        private String sourceUser;
        private Properties connectionProperties = new Properties();
        private boolean hasPassword;
        private Map<String, String> columnTypeOverrides = Map.of();
        private boolean trimChar;
        private ParquetFlavor flavor;
        private String userWhere;
        private int fetchSize;
        private WriterSettings writer;
        private Map<String, String> footer = Map.of();
        private String snapshot;
        private SourceLock lock;

        public Builder run(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder table(SourceTable table, SourceDialect dialect) {
            this.table = table;
            this.dialect = dialect;
            return this;
        }

        public Builder source(String url, String user, Properties properties, boolean hasPassword) {
            this.sourceUrl = url;
            this.sourceUser = user;
            this.connectionProperties = properties;
            this.hasPassword = hasPassword;
            return this;
        }

        public Builder mapping(Map<String, String> overrides, boolean trimChar, ParquetFlavor flavor) {
            this.columnTypeOverrides = overrides;
            this.trimChar = trimChar;
            this.flavor = flavor;
            return this;
        }

        public Builder read(String userWhere, int fetchSize) {
            this.userWhere = userWhere;
            this.fetchSize = fetchSize;
            return this;
        }

        public Builder write(WriterSettings writer, Map<String, String> footer) {
            this.writer = writer;
            this.footer = footer;
            return this;
        }

        /** The shared snapshot every split reads, and the lock each split's requests take; either may be null. */
        public Builder consistency(String snapshotId, SourceLock splitLock) {
            this.snapshot = snapshotId;
            this.lock = splitLock;
            return this;
        }

        public SplitTask build(Split split, Path splitDir) {
            return new SplitTask(this, split, splitDir.toString());
        }
    }
}
