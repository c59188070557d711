package org.runreplicator.ledger.bigquery;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A ledger table in BigQuery: {@code PROJECT.DATASET.TABLE}, as {@code --ledger bigquery:...} names it. */
public final class BigQueryLedgerTable {
    // Project ids: 6-30 lower-case letters, digits and hyphens; datasets: letters, digits, underscores;
    // tables: also hyphens and a few more, but never a dot or a backtick.
    private static final Pattern NAME = Pattern.compile("([a-z][a-z0-9-]{4,28}[a-z0-9])\\.(\\w{1,1024})\\.([\\w$-]{1,1024})");

    private final String project;
    private final String dataset;
    private final String table;

    public BigQueryLedgerTable(String project, String dataset, String table) {
        this.project = Objects.requireNonNull(project, "project");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Parses {@code PROJECT.DATASET.TABLE}; throws IllegalArgumentException naming the expected form. */
    public static BigQueryLedgerTable parse(String text) {
        Matcher m = NAME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a BigQuery table name: expected PROJECT.DATASET.TABLE");
        }
        return new BigQueryLedgerTable(m.group(1), m.group(2), m.group(3));
    }

    public String project() {
        return project;
    }

    public String dataset() {
        return dataset;
    }

    public String table() {
        return table;
    }

    /** The name as SQL needs it: {@code `project.dataset.table`} (the parts never hold a backtick). */
    public String quoted() {
        return "`" + this + "`";
    }

    @Override
    public String toString() {
        return project + "." + dataset + "." + table;
    }
}
