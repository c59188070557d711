package org.runreplicator.trigger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;

/** The function wired to an embedded (H2 file) ledger and an {@link AirflowStandIn}, in this JVM. */
final class TriggerFixture implements AutoCloseable {
    final AirflowStandIn airflow;
    final RunLedger ledger;
    final RunTriggerFunction function;

    TriggerFixture(Path dir, AirflowApiVersion version, AirflowCredentials credentials, Duration timeout) throws Exception {
        this.airflow = new AirflowStandIn(TriggerSettings.DEFAULT_DAG, version);
        LedgerOptions options = LedgerOptions.builder(LedgerSpec.embedded(dir.resolve("ledger"))).createTable(true).build();
        this.ledger = RunLedgers.open(options, Clock.systemUTC()).orElseThrow();
        this.function = new RunTriggerFunction(ledger, true,
                new AirflowDagTrigger(airflow.url(), TriggerSettings.DEFAULT_DAG, version, credentials, timeout));
    }

    TriggerFixture(Path dir) throws Exception {
        this(dir, AirflowApiVersion.V2, new NoCredentials(), Duration.ofSeconds(5));
    }

    List<LedgerRow> rows(String db, String table) {
        ledger.prepare(true);
        return ledger.rows(db, table, null);
    }

    List<LedgerRow> rows(String db, String table, Instant td) {
        ledger.prepare(true);
        return ledger.rows(db, table, td);
    }

    @Override
    public void close() {
        airflow.close();
        ledger.close();
    }
}
