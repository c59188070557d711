package org.runreplicator.split;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.Identifiers;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.SourceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how to cut a table into splits and computes them. Whatever the method, the splits'
 * predicates select every row the user's {@code --where} keeps exactly once: NULL keys and
 * values beyond any sampled extreme included.
 *
 * <ul>
 *   <li>{@code none}: one split reading the whole table.</li>
 *   <li>{@code range}: equi-depth ranges of a numeric, date or timestamp column ({@code --split-by},
 *       else a one-column key) from a sample of its values, plus a split for NULL keys.</li>
 *   <li>{@code hash}: ranges of the dialect's hash buckets over {@code --split-by} or the key (on
 *       Teradata, whole AMPs of the primary index).</li>
 *   <li>{@code partition}: ranges of Teradata PPI partitions, balanced by rows per partition.</li>
 *   <li>{@code auto}: none for small tables; else hash on Teradata's primary index (partition
 *       when it has only a PPI), and elsewhere range on the split column or one-column key when
 *       it has a range type, hash when not; none when there is no such column.</li>
 * </ul>
 * A range plan may have one split more than asked for: the NULL-key split.
 */
public final class SplitPlanner {
    /** Key values sampled to place range boundaries; quantiles of 30k values are within a few percent. */
    public static final int DEFAULT_SAMPLE_SIZE = 30_000;
    /** Below this many rows {@code auto} reads the table as one split: planning and extra connections cost more than they save. */
    public static final long DEFAULT_SMALL_TABLE_ROWS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(SplitPlanner.class);

    private final int sampleSize;
    private final long smallTableRows;
    private SourceLock lock;

    public SplitPlanner() {
        this(DEFAULT_SAMPLE_SIZE, DEFAULT_SMALL_TABLE_ROWS);
    }

    public SplitPlanner(int sampleSize, long smallTableRows) {
        this.sampleSize = sampleSize;
        this.smallTableRows = smallTableRows;
    }

    /**
     * Makes every planning query take {@code lock} on the table ({@link SourceDialect#withLock}):
     * planning needs estimates only, so a copy that must not block writers plans under ACCESS.
     */
    public SplitPlanner withLock(SourceLock lock) {
        this.lock = lock;
        return this;
    }

    /** Plans the splits of {@code table} as {@code request} asks; fails with a usage error for impossible requests. */
    public SplitPlan plan(Connection connection, SourceDialect dialect, SourceTable table, SplitRequest request) {
        if (request.splits() < 1) {
            throw ReplicatorException.usage("Invalid --splits " + request.splits() + ": expected at least 1");
        }
        SourceColumn splitBy = request.splitBy() == null ? null : column(table, request.splitBy());
        SplitMethod method = request.method();
        // Impossible requests fail here with a usage error, before any query runs.
        if (method == SplitMethod.PARTITION) {
            dialect.partitionBuckets(table);
        } else if (method == SplitMethod.RANGE) {
            rangeKey(table, rangeColumn(table, splitBy));
        } else if (method == SplitMethod.HASH) {
            hashColumns(table, splitBy);
        }
        try {
            long rows = count(connection, locked(dialect, table).apply(dialect.countSql(table, null, request.userWhere())));
            if (method == SplitMethod.AUTO) {
                method = chooseAutomatically(dialect, table, splitBy, rows, request.splits());
            }
            SplitPlan plan = plan(connection, dialect, table, request, method, splitBy, rows);
            LOG.info("Table {}: {} rows in {} {} split(s) on {}", table.ref(), rows, plan.splits().size(),
                    plan.method().cliName(), plan.columns().isEmpty() ? "(no column)" : plan.columns());
            return plan;
        } catch (SQLException e) {
            throw ReplicatorException.source("Cannot plan splits for table " + table.ref() + ": " + e.getMessage(), e);
        }
    }

    private SplitPlan plan(Connection connection, SourceDialect dialect, SourceTable table, SplitRequest request,
                           SplitMethod method, SourceColumn splitBy, long rows) throws SQLException {
        int splits = request.splits();
        if (rows < splits && method != SplitMethod.NONE) {
            // More splits than rows would only be empty splits, each with its own session and queries.
            int reduced = (int) Math.max(1, rows);
            LOG.info("Table {} has {} rows: {} splits instead of the {} asked for", table.ref(), rows, reduced, splits);
            splits = reduced;
        }
        if (method == SplitMethod.NONE || splits == 1) {
            return new SplitPlan(SplitMethod.NONE, List.of(), List.of(new Split(0, null, rows)));
        }
        String where = request.userWhere();
        switch (method) {
            case RANGE:
                SourceColumn column = rangeColumn(table, splitBy);
                List<Split> ranges = new RangeSplitter(connection, dialect, table, where, locked(dialect, table))
                        .split(column, rangeKey(table, column), splits, rows, sampleSize);
                return new SplitPlan(SplitMethod.RANGE, List.of(column.name()), ranges);
            case HASH:
                List<String> columns = hashColumns(table, splitBy);
                return new SplitPlan(SplitMethod.HASH, columns, BucketSplitter.split(connection, dialect, table,
                        dialect.hashBuckets(connection, table, columns, splits), splits, rows, where, locked(dialect, table)));
            default:
                return new SplitPlan(SplitMethod.PARTITION, List.of("PARTITION"), BucketSplitter.split(connection, dialect, table,
                        dialect.partitionBuckets(table), splits, rows, where, locked(dialect, table)));
        }
    }

    private UnaryOperator<String> locked(SourceDialect dialect, SourceTable table) {
        return sql -> dialect.withLock(sql, table, lock);
    }

    private SplitMethod chooseAutomatically(SourceDialect dialect, SourceTable table, SourceColumn splitBy, long rows, int splits) {
        if (splits == 1) {
            return SplitMethod.NONE;
        }
        // A column the user named is a request to split on it, whatever the table's size.
        if (splitBy != null && !dialect.prefersHashSplits()) {
            return RangeKey.of(splitBy).isPresent() ? SplitMethod.RANGE : SplitMethod.HASH;
        }
        if (rows < smallTableRows && splitBy == null) {
            return SplitMethod.NONE;
        }
        if (dialect.prefersHashSplits()) {
            if (splitBy != null || !table.keyColumns().isEmpty()) {
                return SplitMethod.HASH;
            }
            return table.partitioned() ? SplitMethod.PARTITION : SplitMethod.NONE;
        }
        SourceColumn column = splitBy != null ? splitBy
                : table.keyColumns().size() == 1 ? column(table, table.keyColumns().get(0)) : null;
        if (column == null) {
            return SplitMethod.NONE;
        }
        return RangeKey.of(column).isPresent() ? SplitMethod.RANGE : SplitMethod.HASH;
    }

    /** The table's column named by the user, validated as an identifier first. */
    private static SourceColumn column(SourceTable table, String name) {
        Identifiers.requireValid(name, "split column");
        return table.column(name).orElseThrow(() -> ReplicatorException.usage("Cannot split table " + table.ref()
                + " by column " + name + ": it has no such column (columns: "
                + table.columns().stream().map(SourceColumn::name).collect(Collectors.joining(", ")) + ")"));
    }

    private static SourceColumn rangeColumn(SourceTable table, SourceColumn splitBy) {
        if (splitBy != null) {
            return splitBy;
        }
        if (table.keyColumns().size() != 1) {
            throw ReplicatorException.usage("Cannot range-split table " + table.ref() + ": it has "
                    + (table.keyColumns().isEmpty() ? "no key" : "a key of " + table.keyColumns().size() + " columns")
                    + "; name a numeric, date or timestamp column with --split-by");
        }
        return column(table, table.keyColumns().get(0));
    }

    private static RangeKey rangeKey(SourceTable table, SourceColumn column) {
        Optional<RangeKey> key = RangeKey.of(column);
        return key.orElseThrow(() -> ReplicatorException.usage("Cannot range-split table " + table.ref() + " on column "
                + column.name() + " of type " + column.typeName()
                + ": use a numeric, date or timestamp column, or --split-method hash"));
    }

    private static List<String> hashColumns(SourceTable table, SourceColumn splitBy) {
        if (splitBy != null) {
            return List.of(splitBy.name());
        }
        if (table.keyColumns().isEmpty()) {
            throw ReplicatorException.usage("Cannot hash-split table " + table.ref()
                    + ": it has no primary key or primary index; name a column with --split-by");
        }
        return table.keyColumns();
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
