package org.runreplicator.ledger;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.testing.MariaDbServer;

/** The ledger contract on a MySQL-protocol server (MariaDB, standing in for Cloud SQL for MySQL), credentials inside the URL. */
@ExtendWith(MariaDbServer.Extension.class)
class MySqlLedgerContractIT extends RunLedgerContract {
    private static MariaDbServer server;
    private static String database;

    @BeforeAll
    static void createDatabase(MariaDbServer mariaDb) throws Exception {
        server = mariaDb;
        database = mariaDb.createDatabase("ledger");
    }

    @Override
    protected RunLedger newLedger(String table, Clock clock) {
        String url = server.jdbcUrl(database) + "?user=" + server.user() + "&password=" + server.password();
        return RunLedgers.open(LedgerOptions.builder(LedgerSpec.parse(url)).table(table).retry(FAST_RETRY).build(), clock).orElseThrow();
    }

    @Override
    protected void breakLedger(String table) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
    }
}
