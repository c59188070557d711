package org.runreplicator.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.split.Split;
import org.runreplicator.split.SplitPlan;

/**
 * Runs every split of a plan as the reader would (the dialect's SELECT and COUNT with the
 * user's filter) and reports which ids each returned, so tests can prove a plan complete and
 * disjoint against a real database.
 */
public final class SplitCoverage {
    private final long total;
    private final long sumOfSplitCounts;
    private final List<Long> idsRead;
    private final List<Long> rowsPerSplit;

    private SplitCoverage(long total, long sumOfSplitCounts, List<Long> idsRead, List<Long> rowsPerSplit) {
        this.total = total;
        this.sumOfSplitCounts = sumOfSplitCounts;
        this.idsRead = idsRead;
        this.rowsPerSplit = rowsPerSplit;
    }

    /** Reads every split of {@code plan}; {@code idColumn} is the column whose values identify rows. */
    public static SplitCoverage of(Connection connection, SourceDialect dialect, SourceTable table, SplitPlan plan,
                                   String userWhere, String idColumn) throws SQLException {
        long total = count(connection, dialect.countSql(table, null, userWhere));
        long sum = 0;
        List<Long> ids = new ArrayList<>();
        List<Long> perSplit = new ArrayList<>();
        for (Split split : plan.splits()) {
            sum += count(connection, dialect.countSql(table, split.predicate(), userWhere));
            long rows = 0;
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(dialect.selectSql(table, split.predicate(), userWhere))) {
                int idIndex = rs.findColumn(idColumn);
                while (rs.next()) {
                    ids.add(rs.getLong(idIndex));
                    rows++;
                }
            }
            perSplit.add(rows);
        }
        return new SplitCoverage(total, sum, ids, perSplit);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** COUNT(*) of the whole (filtered) table. */
    public long total() {
        return total;
    }

    /** The per-split COUNT(*)s added up. */
    public long sumOfSplitCounts() {
        return sumOfSplitCounts;
    }

    /** Every id read, in split order, duplicates kept. */
    public List<Long> idsRead() {
        return idsRead;
    }

    public Set<Long> distinctIdsRead() {
        return new HashSet<>(idsRead);
    }

    /** Rows each split's SELECT returned. */
    public List<Long> rowsPerSplit() {
        return rowsPerSplit;
    }
}
