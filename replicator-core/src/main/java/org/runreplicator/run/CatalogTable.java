package org.runreplicator.run;

import org.runreplicator.RunIdentity;
import org.runreplicator.types.TableSchema;

/**
 * The table a catalog (the Hive Metastore) serves to readers by name, as a run needs it before it
 * writes: created when missing, its schema checked against the source's and, where the user allows
 * it, evolved. A run calls {@link #prepare} once, after describing the source and before writing any
 * data; the partition switch itself is a {@link org.runreplicator.commit.VersionPublisher}'s job.
 *
 * <p>Contract: {@code prepare} is idempotent (a rerun finds the table as the last run left it); it
 * throws a USAGE {@link org.runreplicator.ReplicatorException} when the source's schema differs in a
 * way the user did not allow (the run then writes nothing), and a TARGET one when the catalog cannot
 * be reached or refuses a change.
 */
public interface CatalogTable {
    /** Makes the catalog's table ready to receive {@code run}'s partition, written with {@code schema}. */
    void prepare(RunIdentity run, TableSchema schema);

    /** A short name for messages, e.g. "Hive table sales.orders in the metastore at thrift://...". */
    String describe();
}
