package org.runreplicator.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the embedded backend: an H2 file database. */
class EmbeddedLedgerContractTest extends RunLedgerContract {
    @TempDir
    static Path files;

    private LedgerSpec spec;

    @Override
    protected RunLedger newLedger(String table, Clock clock) {
        spec = LedgerSpec.parse("embedded:" + files.resolve("ledger"));
        return RunLedgers.open(LedgerOptions.builder(spec).table(table).retry(FAST_RETRY).build(), clock).orElseThrow();
    }

    @Override
    protected void breakLedger(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(spec.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
    }
}
