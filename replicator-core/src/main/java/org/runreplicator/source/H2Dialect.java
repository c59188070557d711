package org.runreplicator.source;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** H2 (the demo's embedded source and the tests' in-memory database). The user's DB is an H2 schema. */
public final class H2Dialect extends BaseDialect {
    public H2Dialect() {
        super("h2", "jdbc:h2:", "\"");
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
