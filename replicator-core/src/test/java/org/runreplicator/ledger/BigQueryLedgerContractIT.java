package org.runreplicator.ledger;

import com.google.cloud.bigquery.TableId;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.testing.BigQueryEmulator;

/** The ledger contract on BigQuery, through the real client against goccy/bigquery-emulator. */
@ExtendWith(BigQueryEmulator.Extension.class)
class BigQueryLedgerContractIT extends RunLedgerContract {
    private static BigQueryEmulator emulator;

    @BeforeAll
    static void start(BigQueryEmulator bigQuery) {
        emulator = bigQuery;
    }

    @Override
    protected RunLedger newLedger(String table, Clock clock) {
        LedgerSpec spec = LedgerSpec.parse("bigquery:" + BigQueryEmulator.PROJECT + "." + BigQueryEmulator.DATASET + "." + table);
        LedgerOptions options = LedgerOptions.builder(spec).bigQueryEmulatorHost(emulator.host()).retry(FAST_RETRY)
                .callTimeout(Duration.ofSeconds(20)).build();
        return RunLedgers.open(options, clock).orElseThrow();
    }

    @Override
    protected void breakLedger(String table) {
        emulator.client().delete(TableId.of(BigQueryEmulator.PROJECT, BigQueryEmulator.DATASET, table));
    }
}
