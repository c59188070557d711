package org.runreplicator.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import org.runreplicator.ledger.LedgerStatus;

/**
 * The on-prem "run finished" event of DESIGN.md: the on-prem Run Replicator copied table
 * {@code dbName.tableName} for its run at {@code td_timestamp}, ending in {@code status}
 * (SUCCEEDED or FAILED), in environment {@value #ENVIRONMENT}. {@code replicator notify} publishes
 * it to Pub/Sub; the trigger function records it and starts the DAG. Checked when built, so a value
 * of this type is always safe to put in a ledger key, a DAG run id or a DAG's conf.
 *
 * <p>Names follow the DAG's own check ({@code run_replicator_plan.IDENTIFIER}): ASCII letters,
 * digits, {@code _ $ #}, at most 128 characters, not starting with a digit. Teradata allows more
 * (Unicode letters), but a name the DAG would refuse must be refused here, before the ledger
 * records a GCP run that can never start.
 */
public final class OnPremEvent {
    /** The only environment an on-prem event speaks for. */
    public static final String ENVIRONMENT = "ONPREM";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$#][A-Za-z0-9_$#]{0,127}");

    private final String dbName;
    private final String tableName;
    private final Instant tdTimestamp;
    private final LedgerStatus status;

    private OnPremEvent(String dbName, String tableName, Instant tdTimestamp, LedgerStatus status) {
        this.dbName = dbName;
        this.tableName = tableName;
        this.tdTimestamp = tdTimestamp;
        this.status = status;
    }

    /**
     * The event, checked: both names are identifiers, the run ended (SUCCEEDED or FAILED). The
     * timestamp is kept to the microsecond, as the ledger stores it.
     *
     * @throws IllegalArgumentException naming the field and why it was refused
     */
    public static OnPremEvent of(String dbName, String tableName, Instant tdTimestamp, LedgerStatus status) {
        requireIdentifier("dbName", dbName);
        requireIdentifier("tableName", tableName);
        Objects.requireNonNull(tdTimestamp, "tdTimestamp");
        Objects.requireNonNull(status, "status");
        if (status != LedgerStatus.SUCCEEDED && status != LedgerStatus.FAILED) {
            throw new IllegalArgumentException("status " + status + " is not the end of a run: expected SUCCEEDED or FAILED");
        }
        return new OnPremEvent(dbName, tableName, tdTimestamp.truncatedTo(ChronoUnit.MICROS), status);
    }

    /** Whether {@code name} is accepted as a database or table name. */
    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    private static void requireIdentifier(String field, String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException(field + " " + shown(name)
                    + " is not a Teradata identifier (ASCII letters, digits, _ $ #, at most 128, not starting with a digit)");
        }
    }

    /** A refused value as a message may show it: cut short, control characters replaced. */
    static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    public String dbName() {
        return dbName;
    }

    public String tableName() {
        return tableName;
    }

    public Instant tdTimestamp() {
        return tdTimestamp;
    }

    public LedgerStatus status() {
        return status;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OnPremEvent)) {
            return false;
        }
        OnPremEvent e = (OnPremEvent) o;
        return dbName.equals(e.dbName) && tableName.equals(e.tableName) && tdTimestamp.equals(e.tdTimestamp) && status == e.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dbName, tableName, tdTimestamp, status);
    }

    @Override
    public String toString() {
        return dbName + "." + tableName + " @ " + tdTimestamp + " " + status + " (" + ENVIRONMENT + ")";
    }
}
