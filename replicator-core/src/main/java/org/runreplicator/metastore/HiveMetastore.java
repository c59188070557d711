package org.runreplicator.metastore;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.runreplicator.ReplicatorException;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.source.TableRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a Hive Metastore, shared by a run's {@link HiveCatalogTable} and
 * {@link HivePartitionPublisher}. It connects when opened, so a metastore that is down stops the
 * run before the source is read. Calls are serialized: Hive's client is not thread-safe.
 */
public final class HiveMetastore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMetastore.class);

    /** One metastore call; Thrift's checked exceptions pass through. */
    @FunctionalInterface
    interface Call<T> {
        T on(IMetaStoreClient client) throws Exception;
    }

    private final MetastoreOptions options;
    private final IMetaStoreClient client;

    private HiveMetastore(MetastoreOptions options, IMetaStoreClient client) {
        this.options = options;
        this.client = client;
    }

    /** Connects within the options' bounds, or fails with TARGET naming the metastore and why. */
    public static HiveMetastore open(MetastoreOptions options) {
        HiveMetastore metastore = new HiveMetastore(options, MetastoreConnector.connect(options));
        LOG.info("Connected to {}", options.describe());
        return metastore;
    }

    /**
     * The table {@code source} is copied to under {@code location}, partitioned by {@code partitionKey};
     * {@code conf} reaches the target, where the table's directories are made before the metastore is asked.
     */
    public HiveCatalogTable table(TableRef source, TableLocation location, String partitionKey, Configuration conf) {
        return new HiveCatalogTable(this, new HiveTableSpec(source, location, partitionKey), source.toString(), conf);
    }

    /** The publisher that switches that table's partitions to committed versions. */
    public HivePartitionPublisher publisher(TableRef source, TableLocation location, String partitionKey) {
        return new HivePartitionPublisher(this, new HiveTableSpec(source, location, partitionKey));
    }

    /** Partition {@code key=value} of Hive table {@code database.table}, as readers find it; empty if there is none. */
    public Optional<RegisteredPartition> partition(String database, String table, String value) {
        try {
            Partition p = callRaw(c -> c.getPartition(database, table, List.of(value)));
            return Optional.of(new RegisteredPartition(p.getSd().getLocation(), p.getParameters()));
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read partition " + value + " of Hive table " + database + "." + table, e);
        }
    }

    MetastoreOptions options() {
        return options;
    }

    /** Runs {@code call}; a failure becomes TARGET: "Cannot {what} in {metastore}: {reason}". */
    synchronized <T> T call(String what, Call<T> call) {
        try {
            return call.on(client);
        } catch (ReplicatorException e) {
            throw e;
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code call} and hands back its exception, for callers that expect some (AlreadyExists, NoSuchObject). */
    synchronized <T> T callRaw(Call<T> call) throws Exception {
        return call.on(client);
    }

    ReplicatorException failure(String what, Exception e) {
        return ReplicatorException.target("Cannot " + what + " in " + options.describe() + ": " + MetastoreConnector.rootMessage(e), e);
    }

    @Override
    public synchronized void close() {
        client.close();
    }

    public String describe() {
        return options.describe();
    }
}
