package org.runreplicator.ledger;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.Secret;
import org.runreplicator.testing.PostgresServer;

/** The ledger contract on PostgreSQL (as Cloud SQL for PostgreSQL), credentials given apart from the URL. */
@ExtendWith(PostgresServer.Extension.class)
class PostgresLedgerContractIT extends RunLedgerContract {
    private static PostgresServer server;
    private static String database;

    @BeforeAll
    static void createDatabase(PostgresServer pg) throws Exception {
        server = pg;
        database = pg.createDatabase("ledger");
    }

    @Override
    protected RunLedger newLedger(String table, Clock clock) {
        LedgerOptions options = LedgerOptions.builder(LedgerSpec.parse(server.jdbcUrl(database))).table(table)
                .user(server.user()).password(Secret.of(server.password())).retry(FAST_RETRY).build();
        return RunLedgers.open(options, clock).orElseThrow();
    }

    @Override
    protected void breakLedger(String table) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
    }
}
