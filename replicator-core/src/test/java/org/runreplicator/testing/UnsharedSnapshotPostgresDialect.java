package org.runreplicator.testing;

import java.sql.Connection;
import org.runreplicator.source.PostgresDialect;

/**
 * PostgreSQL as a source without a shareable snapshot (as Teradata or H2 are): the real
 * PostgreSQL dialect in every respect but {@link #exportSnapshot}, so a test can show what the
 * run's total-count check catches when splits read at their own moments. Public with a no-argument
 * constructor, as split tasks recreate their dialect by class name.
 */
public final class UnsharedSnapshotPostgresDialect extends PostgresDialect {
    @Override
    public String exportSnapshot(Connection connection) {
        return null;
    }
}
