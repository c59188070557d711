package org.runreplicator.ledger.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The canonical BigQuery SQL of the ledger, kept as resources beside this class so the DAG and the
 * trigger function run the very text the job runs: {@code record.sql} records one transition.
 * {@value #TABLE_PLACEHOLDER} stands for the table.
 */
public final class BigQueryLedgerSql {
    public static final String TABLE_PLACEHOLDER = "${ledger_table}";
    public static final String RECORD_RESOURCE = "record.sql";

    private BigQueryLedgerSql() {
    }

    /** {@code record.sql} for {@code table}. */
    public static String record(BigQueryLedgerTable table) {
        return resource(RECORD_RESOURCE).replace(TABLE_PLACEHOLDER, table.quoted());
    }

    static String resource(String name) {
        try (InputStream in = BigQueryLedgerSql.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " beside " + BigQueryLedgerSql.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
