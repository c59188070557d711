package org.runreplicator.ledger;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import org.runreplicator.ledger.bigquery.BigQueryLedgerTable;
import org.runreplicator.ledger.jdbc.JdbcUrls;

/**
 * Where the ledger is, as {@code --ledger} names it: {@code bigquery:PROJECT.DATASET.TABLE},
 * {@code jdbc:URL} (PostgreSQL or MySQL, e.g. Cloud SQL), {@code embedded[:PATH]} (an H2 file
 * database, {@value #DEFAULT_EMBEDDED_PATH} in the working directory by default) or {@code none}.
 * Its {@code toString} masks any password in a JDBC URL.
 */
public final class LedgerSpec {
    public static final String NONE = "none";
    public static final String DEFAULT_EMBEDDED_PATH = "replicator-ledger";
    /** The table a JDBC or embedded ledger uses unless told otherwise; BigQuery's spec names its own. */
    public static final String DEFAULT_TABLE = "run_ledger";

    /** The kinds of ledger. */
    public enum Kind { NONE, BIGQUERY, JDBC, EMBEDDED }

    private final Kind kind;
    private final BigQueryLedgerTable bigQueryTable;
    private final String jdbcUrl;
    private final Path embeddedPath;

    private LedgerSpec(Kind kind, BigQueryLedgerTable bigQueryTable, String jdbcUrl, Path embeddedPath) {
        this.kind = kind;
        this.bigQueryTable = bigQueryTable;
        this.jdbcUrl = jdbcUrl;
        this.embeddedPath = embeddedPath;
    }

    public static LedgerSpec none() {
        return new LedgerSpec(Kind.NONE, null, null, null);
    }

    public static LedgerSpec embedded(Path path) {
        return new LedgerSpec(Kind.EMBEDDED, null, null, path.toAbsolutePath().normalize());
    }

    /** Parses a {@code --ledger} value; IllegalArgumentException names the forms (never echoing a JDBC URL, which may hold a password). */
    public static LedgerSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals(NONE)) {
            return none();
        }
        if (text.startsWith("bigquery:")) {
            return new LedgerSpec(Kind.BIGQUERY, BigQueryLedgerTable.parse(text.substring("bigquery:".length())), null, null);
        }
        if (text.startsWith("jdbc:")) {
            if (!text.matches("jdbc:(postgresql|mysql|mariadb|h2):\\S+")) {
                throw new IllegalArgumentException("a JDBC ledger is jdbc:postgresql://..., jdbc:mysql://... or jdbc:h2:...");
            }
            return new LedgerSpec(Kind.JDBC, null, text, null);
        }
        if (text.equals("embedded")) {
            return embedded(Paths.get(DEFAULT_EMBEDDED_PATH));
        }
        if (text.startsWith("embedded:") && text.length() > "embedded:".length()) {
            return embedded(Paths.get(text.substring("embedded:".length())));
        }
        throw new IllegalArgumentException("expected bigquery:PROJECT.DATASET.TABLE, jdbc:URL, embedded[:PATH] or none");
    }

    public Kind kind() {
        return kind;
    }

    /** Only for {@link Kind#BIGQUERY}. */
    public BigQueryLedgerTable bigQueryTable() {
        return bigQueryTable;
    }

    /** The JDBC URL to connect to: the given one, or the embedded database's {@code jdbc:h2:file:} URL. Null otherwise. */
    public String jdbcUrl() {
        if (kind == Kind.EMBEDDED) {
            return "jdbc:h2:file:" + embeddedPath;
        }
        return jdbcUrl;
    }

    /** Only for {@link Kind#EMBEDDED}: the H2 database path (H2 adds {@code .mv.db}). */
    public Path embeddedPath() {
        return embeddedPath;
    }

    @Override
    public String toString() {
        switch (kind) {
            case BIGQUERY:
                return "bigquery:" + bigQueryTable;
            case JDBC:
                return JdbcUrls.mask(jdbcUrl);
            case EMBEDDED:
                return "embedded:" + embeddedPath;
            default:
                return NONE;
        }
    }
}
