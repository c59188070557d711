package org.runreplicator.source;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.runreplicator.types.ColumnType;
import org.runreplicator.types.LogicalType;

/** H2 (the demo's embedded source and the tests' in-memory database). The user's DB is an H2 schema. */
public final class H2Dialect extends BaseDialect {
    public H2Dialect() {
        super("h2", "jdbc:h2:", "\"");
    }

    /** H2 2.x's type names, as its metadata spells them. */
    @Override
    protected ColumnType columnTypeByName(String typeName, SourceColumn column) {
        if (typeName.startsWith("INTERVAL")) {
            return ColumnType.textOfValue();
        }
        switch (typeName) {
            case "TINYINT":
                return ColumnType.of(LogicalType.TINYINT);
            case "SMALLINT":
                return ColumnType.of(LogicalType.SMALLINT);
            case "INTEGER":
                return ColumnType.of(LogicalType.INTEGER);
            case "BIGINT":
                return ColumnType.of(LogicalType.BIGINT);
            case "NUMERIC":
            case "DECIMAL":
                return ColumnType.decimal(column.precision(), column.scale());
            case "DECFLOAT":
                return ColumnType.unboundedDecimal();
            case "REAL":
                return ColumnType.of(LogicalType.REAL);
            case "DOUBLE PRECISION":
                return ColumnType.of(LogicalType.DOUBLE);
            case "BOOLEAN":
                return ColumnType.of(LogicalType.BOOLEAN);
            case "DATE":
                return ColumnType.of(LogicalType.DATE);
            case "TIME":
                return ColumnType.of(LogicalType.TIME);
            case "TIMESTAMP":
                return ColumnType.of(LogicalType.TIMESTAMP);
            case "TIMESTAMP WITH TIME ZONE":
                return ColumnType.of(LogicalType.TIMESTAMP_TZ);
            case "CHARACTER":
                return ColumnType.paddedText();
            case "CHARACTER VARYING":
            case "VARCHAR_IGNORECASE":
            case "CHARACTER LARGE OBJECT":
                return ColumnType.of(LogicalType.STRING);
            case "BINARY":
            case "BINARY VARYING":
            case "BINARY LARGE OBJECT":
                return ColumnType.of(LogicalType.BINARY);
            // No exact typed equivalent in Hive or Spark: the exact text.
            case "TIME WITH TIME ZONE":
            case "JSON":
            case "UUID":
                return ColumnType.textOfValue();
            default:
                return null;
        }
    }

    @Override
    protected String foldCase(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    protected String randomSampleSql(SourceTable table, String quotedColumn, int sampleRows, long tableRows, String userWhere) {
        return "SELECT " + quotedColumn + " FROM " + qualified(table.ref())
                + where(quotedColumn + " IS NOT NULL", userWhere, "RAND() < " + sampleFraction(sampleRows, tableRows, 1.0));
    }

    /** ORA_HASH gives 0..2^32-1 but refuses some types (NUMERIC): the key is hashed as text, several columns as one text. */
    @Override
    public BucketExpression hashBuckets(Connection connection, SourceTable table, List<String> columns, int splits) {
        String key = columns.size() == 1
                ? "CAST(" + quote(columns.get(0)) + " AS VARCHAR)"
                : "CONCAT_WS('|', " + columns.stream().map(c -> "CAST(" + quote(c) + " AS VARCHAR)").collect(Collectors.joining(", ")) + ")";
        return moduloBuckets("MOD(ORA_HASH(" + key + "), " + splits + ")", splits);
    }
}
