package org.runreplicator.ledger;

import java.time.Clock;
import java.util.Optional;
import org.runreplicator.ledger.bigquery.BigQueryLedger;
import org.runreplicator.ledger.jdbc.JdbcLedger;

/** Opens the backend {@link LedgerOptions} names. Opening does not touch the ledger yet: {@link RunLedger#prepare} does. */
public final class RunLedgers {
    private RunLedgers() {
    }

    /** The ledger, or empty for {@code --ledger none}. */
    public static Optional<RunLedger> open(LedgerOptions options, Clock clock) {
        LedgerSpec spec = options.spec();
        switch (spec.kind()) {
            case BIGQUERY:
                return Optional.of(BigQueryLedger.connect(spec.bigQueryTable(), options.bigQueryEmulatorHost(), options.retry(),
                        options.callTimeout(), clock));
            case JDBC:
            case EMBEDDED:
                return Optional.of(new JdbcLedger(spec.jdbcUrl(), options.user(), options.password(), options.table(),
                        options.retry(), clock, spec + " table " + options.table()));
            default:
                return Optional.empty();
        }
    }
}
