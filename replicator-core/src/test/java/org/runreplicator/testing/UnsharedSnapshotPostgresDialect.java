package org.runreplicator.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.runreplicator.source.BucketExpression;
import org.runreplicator.source.PostgresDialect;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.types.ColumnType;

/**
 * PostgreSQL as a source without a shareable snapshot (as Teradata or H2 are): the real
 * PostgreSQL dialect in every respect but {@link #exportSnapshot}, so a test can show what the
 * run's total-count check catches when splits read at their own moments. Public with a no-argument
 * constructor, as split tasks recreate their dialect by class name.
 */
public final class UnsharedSnapshotPostgresDialect implements SourceDialect {
    private final PostgresDialect postgres = new PostgresDialect();

    @Override
    public String exportSnapshot(Connection connection) {
        return null;
    }

    @Override
    public String name() {
        return postgres.name();
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return postgres.accepts(jdbcUrl);
    }

    @Override
    public Properties defaultConnectionProperties() {
        return postgres.defaultConnectionProperties();
    }

    @Override
    public List<String> readUrls(String jdbcUrl, long estimatedRows) {
        return postgres.readUrls(jdbcUrl, estimatedRows);
    }

    @Override
    public boolean fallsBackToSession(SQLException bulkExportFailure) {
        return postgres.fallsBackToSession(bulkExportFailure);
    }

    @Override
    public ColumnType columnType(SourceColumn column) {
        return postgres.columnType(column);
    }

    @Override
    public String quote(String identifier) {
        return postgres.quote(identifier);
    }

    @Override
    public String qualified(TableRef table) {
        return postgres.qualified(table);
    }

    @Override
    public SourceTable describe(Connection connection, TableRef table) throws SQLException {
        return postgres.describe(connection, table);
    }

    @Override
    public String selectSql(SourceTable table, String splitPredicate, String userWhere) {
        return postgres.selectSql(table, splitPredicate, userWhere);
    }

    @Override
    public String countSql(SourceTable table, String splitPredicate, String userWhere) {
        return postgres.countSql(table, splitPredicate, userWhere);
    }

    @Override
    public String sampleSql(SourceTable table, String column, int sampleRows, long tableRows, String userWhere) {
        return postgres.sampleSql(table, column, sampleRows, tableRows, userWhere);
    }

    @Override
    public BucketExpression hashBuckets(Connection connection, SourceTable table, List<String> columns, int splits)
            throws SQLException {
        return postgres.hashBuckets(connection, table, columns, splits);
    }

    @Override
    public BucketExpression partitionBuckets(SourceTable table) {
        return postgres.partitionBuckets(table);
    }

    @Override
    public String bucketCountSql(SourceTable table, BucketExpression buckets, String userWhere) {
        return postgres.bucketCountSql(table, buckets, userWhere);
    }

    @Override
    public boolean prefersHashSplits() {
        return postgres.prefersHashSplits();
    }

    @Override
    public void prepareForRead(Connection connection) throws SQLException {
        postgres.prepareForRead(connection);
    }

    @Override
    public PreparedStatement streamingStatement(Connection connection, String sql, int fetchSize) throws SQLException {
        return postgres.streamingStatement(connection, sql, fetchSize);
    }

    @Override
    public boolean isTransient(SQLException e) {
        return postgres.isTransient(e);
    }
}
