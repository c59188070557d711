package org.runreplicator.metastore;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.EnvironmentContext;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.runreplicator.ReplicatorException;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.VersionPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points a Hive partition at a committed version's directory, {@code <table>/<key>=<value>/run-<runId>}:
 * {@code add_partition} the first time, then {@code alter_partition}, one metastore transaction
 * that switches location, parameters and statistics together. For readers through the metastore
 * this switch is the commit point: before it they read the previous version, after it the new
 * one, whose files are complete (the commit published them first) and stay until a later commit
 * has switched away from them.
 *
 * <p>Repeating it is harmless: a partition already at the version is left as it is. When a call
 * fails, the partition is read back; if it points at the version with its run id, the switch
 * happened; otherwise the failure stands and the protocol keeps the previous version's files, so
 * whichever version the metastore serves stays readable.
 */
public final class HivePartitionPublisher implements VersionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(HivePartitionPublisher.class);

    private final HiveMetastore metastore;
    private final HiveTableSpec spec;

    HivePartitionPublisher(HiveMetastore metastore, HiveTableSpec spec) {
        this.metastore = metastore;
        this.spec = spec;
    }

    @Override
    public void publish(CommittedVersion version) {
        String value = version.partition().value();
        String what = "point partition " + spec.qualifiedName() + " " + version.partition() + " at " + version.directory();
        try {
            switchTo(version, value);
        } catch (ReplicatorException e) {
            if (pointsAt(version, value)) {
                LOG.info("The metastore reported a failure but partition {} {} points at {}: the switch happened",
                        spec.qualifiedName(), version.partition(), version.directory());
                return;
            }
            throw e;
        }
        LOG.info("Partition {} {} now points at {} ({} rows in {} files)", spec.qualifiedName(), version.partition(),
                version.directory(), version.manifest().rows, version.manifest().files.size());
        if (!pointsAt(version, value)) {
            throw ReplicatorException.target("Cannot " + what + ": the metastore accepted the change but reads back another"
                    + " location", null);
        }
    }

    @Override
    public String describe() {
        return "Hive table " + spec.qualifiedName() + " in " + metastore.describe();
    }

    private void switchTo(CommittedVersion version, String value) {
        Table table = table(version);
        Map<String, String> params = HiveParameters.forPartition(version);
        Partition wanted = spec.newPartition(table, value, version.directory(), params);
        Partition existing = partition(value);
        if (existing == null) {
            try {
                metastore.callRaw(c -> c.add_partition(wanted));
                return;
            } catch (AlreadyExistsException e) {
                // Another attempt (or the retrying client's repeat of this one) added it: switch it below.
                existing = partition(value);
            } catch (Exception e) {
                throw metastore.failure("add partition " + spec.qualifiedName() + " " + version.partition(), e);
            }
        }
        if (existing == null || isAt(existing, version)) {
            return;
        }
        wanted.setCreateTime(existing.getCreateTime());
        // The statistics are the commit's exact counts: the metastore must not replace them by listing the location.
        EnvironmentContext keepStats = new EnvironmentContext();
        keepStats.putToProperties("DO_NOT_UPDATE_STATS", "true");
        metastore.call("switch partition " + spec.qualifiedName() + " " + version.partition() + " to " + version.directory(), c -> {
            c.alter_partition(spec.database(), spec.table(), wanted, keepStats);
            return null;
        });
    }

    private Table table(CommittedVersion version) {
        try {
            return metastore.callRaw(c -> c.getTable(spec.database(), spec.table()));
        } catch (NoSuchObjectException e) {
            throw ReplicatorException.target("Cannot register partition " + version.partition() + ": Hive table "
                    + spec.qualifiedName() + " does not exist in " + metastore.describe()
                    + " (a run with the metastore creates it)", e);
        } catch (Exception e) {
            throw metastore.failure("read Hive table " + spec.qualifiedName(), e);
        }
    }

    private Partition partition(String value) {
        try {
            return metastore.callRaw(c -> c.getPartition(spec.database(), spec.table(), List.of(value)));
        } catch (NoSuchObjectException e) {
            return null;
        } catch (Exception e) {
            throw metastore.failure("read partition " + spec.qualifiedName() + " " + spec.partitionKey() + "=" + value, e);
        }
    }

    private boolean pointsAt(CommittedVersion version, String value) {
        try {
            Partition now = partition(value);
            return now != null && isAt(now, version);
        } catch (ReplicatorException e) {
            return false;
        }
    }

    private static boolean isAt(Partition partition, CommittedVersion version) {
        String location = partition.getSd() == null ? null : partition.getSd().getLocation();
        String runId = partition.getParameters() == null ? null : partition.getParameters().get(HiveParameters.RUN_ID);
        return location != null && new Path(location).equals(version.directory()) && version.manifest().runId.equals(runId);
    }
}
