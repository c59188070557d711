package org.runreplicator.cli;

import java.time.Clock;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.runreplicator.commit.CommitProtocol;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.metastore.HiveMetastore;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.TableCopy;

/**
 * Wires a run to a Hive Metastore: the table is prepared before the copy writes, and the commit
 * protocol switches the partition to the committed version as its publisher. The copy itself
 * knows nothing of Hive; it gets a catalog table and a commit protocol.
 */
final class HiveRegistration {
    private HiveRegistration() {
    }

    /** {@code copy}, registering its partition in {@code hive}. */
    static TableCopy register(TableCopy copy, RunOptions run, Configuration conf, HiveMetastore hive) {
        TableLocation location = TableLocation.of(run.target(), run.table());
        String key = run.partition().key();
        return copy.withCatalogTable(hive.table(run.table(), location, key, conf))
                .withCommitProtocol(CommitProtocols.forTable(run.target(), run.table(), conf,
                        List.of(hive.publisher(run.table(), location, key)), Clock.systemUTC()));
    }

    /** The protocol {@code clean} uses: it switches the metastore back to each partition's current version before removing others. */
    static CommitProtocol cleaning(CopySettings.TargetOnly target, HiveMetastore hive, String partitionKey) {
        TableLocation location = TableLocation.of(target.uri(), target.table());
        return CommitProtocols.forTable(target.uri(), target.table(), target.hadoopConf(),
                List.of(hive.publisher(target.table(), location, partitionKey)), Clock.systemUTC());
    }
}
