package org.runreplicator.commit;

/**
 * Points a catalog that readers query by name (the Hive Metastore) at a committed version: for
 * its readers, this switch is the commit point. The protocol calls it after the commit log names
 * the version and before the previous version is removed, so its readers see the previous
 * version or the new one, never a mix, a part or none.
 *
 * <p>Contract: idempotent (a later run or {@code replicator clean} calls it again for the current
 * version when a crash may have left the catalog behind), and failing with an exception when it
 * could not switch; the protocol then keeps the previous version's files, so whatever the catalog
 * still points at stays readable.
 */
public interface VersionPublisher {
    /** Points the catalog at {@code version}. */
    void publish(CommittedVersion version) throws Exception;

    /** A short name for messages, e.g. "the Hive Metastore at thrift://...". */
    String describe();
}
