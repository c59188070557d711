package org.runreplicator.metastore;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.metastore.api.EnvironmentContext;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Table;
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.runreplicator.run.CatalogTable;
import org.runreplicator.types.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hive table a copy registers its partitions in: created when missing (and its database, at
 * the target), checked against the source's columns, and evolved when {@code --schema-change
 * evolve} allows it, through {@code alter_table} with CASCADE so existing partitions take the new
 * columns too. Creating is safe to race: of two runs of different partitions, one creates and the
 * other finds the table. A table at another location, or partitioned otherwise, is someone else's and is
 * refused.
 */
public final class HiveCatalogTable implements CatalogTable {
    private static final Logger LOG = LoggerFactory.getLogger(HiveCatalogTable.class);

    private final HiveMetastore metastore;
    private final HiveTableSpec spec;
    private final String sourceTable;
    private final Configuration conf;

    HiveCatalogTable(HiveMetastore metastore, HiveTableSpec spec, String sourceTable, Configuration conf) {
        this.metastore = metastore;
        this.spec = spec;
        this.sourceTable = sourceTable;
        this.conf = conf;
    }

    @Override
    public void prepare(RunIdentity run, TableSchema schema) {
        List<HiveColumn> columns = HiveColumn.of(schema);
        for (HiveColumn column : columns) {
            if (column.name().equals(spec.partitionKey())) {
                throw ReplicatorException.usage("Cannot register " + sourceTable + " as Hive table " + spec.qualifiedName()
                        + ": its column " + column.name() + " has the name of the partition key; choose another --partition key");
            }
        }
        ensureDatabase();
        Table existing = existingTable();
        if (existing == null) {
            existing = createTable(run, schema, columns);
            if (existing == null) {
                return;
            }
        }
        requireOurs(existing);
        SchemaDrift drift = SchemaDrift.between(HiveColumn.of(existing.getSd().getCols()), columns);
        if (drift.isEmpty()) {
            return;
        }
        SchemaChangePolicy policy = metastore.options().schemaChange();
        if (policy == SchemaChangePolicy.FAIL || !drift.isEvolvable()) {
            throw ReplicatorException.usage("Cannot copy " + sourceTable + " into Hive table " + spec.qualifiedName()
                    + ": the source's columns differ from the table's: " + drift.describe() + advice(policy, drift));
        }
        evolve(existing, drift, run, schema.table());
    }

    @Override
    public String describe() {
        return "Hive table " + spec.qualifiedName() + " in " + metastore.describe();
    }

    private void evolve(Table existing, SchemaDrift drift, RunIdentity run, String source) {
        Table evolved = existing.deepCopy();
        evolved.getSd().setCols(HiveColumn.toFields(drift.evolvedColumns()));
        evolved.getParameters().putAll(HiveParameters.forTable(run, source));
        EnvironmentContext cascade = new EnvironmentContext();
        cascade.putToProperties("CASCADE", "true");
        metastore.call("evolve Hive table " + spec.qualifiedName() + " (" + drift.describe() + ")", c -> {
            c.alter_table_with_environmentContext(spec.database(), spec.table(), evolved, cascade);
            return null;
        });
        LOG.info("Evolved Hive table {}: {}", spec.qualifiedName(), drift.describe());
    }

    /**
     * Creates the table, or returns the one a concurrent run created first. The metastore rolls a
     * failed create back by deleting, recursively, the directory it made for the table; the
     * directory is made here first so that it never made it, and never deletes what is there.
     */
    private Table createTable(RunIdentity run, TableSchema schema, List<HiveColumn> columns) {
        mkdirs(spec.tableLocation());
        Exception failure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                metastore.callRaw(c -> {
                    c.createTable(spec.newTable(columns, HiveParameters.forTable(run, schema.table())));
                    return null;
                });
                LOG.info("Created Hive table {} at {}", spec.qualifiedName(), spec.tableLocation());
                return null;
            } catch (Exception e) {
                // AlreadyExists, or a concurrent create's unique-key clash reported as a MetaException: look again.
                failure = e;
                Table existing = existingTable();
                if (existing != null) {
                    return existing;
                }
            }
        }
        throw metastore.failure("create Hive table " + spec.qualifiedName(), failure);
    }

    private void mkdirs(String location) {
        try {
            Path path = new Path(location);
            path.getFileSystem(conf).mkdirs(path);
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot create " + location + " for Hive table " + spec.qualifiedName() + ": "
                    + e.getMessage(), e);
        }
    }

    private void ensureDatabase() {
        try {
            metastore.callRaw(c -> c.getDatabase(spec.database()));
            return;
        } catch (NoSuchObjectException e) {
            // created below
        } catch (Exception e) {
            throw metastore.failure("read Hive database " + spec.database(), e);
        }
        mkdirs(spec.databaseLocation());
        try {
            metastore.callRaw(c -> {
                c.createDatabase(spec.newDatabase());
                return null;
            });
            LOG.info("Created Hive database {} at {}", spec.database(), spec.databaseLocation());
        } catch (Exception e) {
            try {
                metastore.callRaw(c -> c.getDatabase(spec.database()));
                LOG.debug("Hive database {} was created concurrently", spec.database());
            } catch (Exception again) {
                throw metastore.failure("create Hive database " + spec.database(), e);
            }
        }
    }

    private Table existingTable() {
        try {
            return metastore.callRaw(c -> c.getTable(spec.database(), spec.table()));
        } catch (NoSuchObjectException e) {
            return null;
        } catch (Exception e) {
            throw metastore.failure("read Hive table " + spec.qualifiedName(), e);
        }
    }

    private void requireOurs(Table existing) {
        String location = existing.getSd() == null ? null : existing.getSd().getLocation();
        if (location == null || !samePath(location, spec.tableLocation())) {
            throw ReplicatorException.usage("Cannot register " + sourceTable + " as Hive table " + spec.qualifiedName()
                    + ": that table exists at " + location + ", not at " + spec.tableLocation()
                    + "; drop it or copy to the target it reads");
        }
        List<FieldSchema> keys = existing.getPartitionKeys();
        if (keys == null || keys.size() != 1 || !keys.get(0).getName().equalsIgnoreCase(spec.partitionKey())) {
            throw ReplicatorException.usage("Cannot register partition " + spec.partitionKey() + "=... of Hive table "
                    + spec.qualifiedName() + ": the table is partitioned by " + (keys == null ? "nothing" : HiveColumn.of(keys))
                    + "; use --partition with its key");
        }
    }

    private static boolean samePath(String a, String b) {
        return new Path(a).toUri().normalize().equals(new Path(b).toUri().normalize())
                || stripSlash(a).equals(stripSlash(b));
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String advice(SchemaChangePolicy policy, SchemaDrift drift) {
        if (policy == SchemaChangePolicy.FAIL && drift.isEvolvable()) {
            return "; rerun with --schema-change evolve to append the new columns and widen the types";
        }
        return "; only appended columns and safe widenings can be evolved: drop or rename the Hive table, or map the"
                + " columns back with --map-column";
    }
}
