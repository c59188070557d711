package org.runreplicator.metastore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.source.TableRef;

/**
 * The Hive objects for one copied table: its database (located under the target), the EXTERNAL
 * Parquet table at the table's location with one string partition key, and its partitions, each
 * at a committed version's directory. Names are lower case, as the metastore keeps them.
 */
public final class HiveTableSpec {
    public static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";
    static final String PARTITION_KEY_TYPE = "string";

    private final String database;
    private final String table;
    private final String databaseLocation;
    private final String tableLocation;
    private final String partitionKey;

    public HiveTableSpec(TableRef source, TableLocation location, String partitionKey) {
        this.database = source.database().toLowerCase(Locale.ROOT);
        this.table = source.table().toLowerCase(Locale.ROOT);
        this.tableLocation = location.tableDir().toString();
        this.databaseLocation = location.tableDir().getParent().toString();
        this.partitionKey = partitionKey.toLowerCase(Locale.ROOT);
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    /** {@code db.table}, as Hive users name it. */
    public String qualifiedName() {
        return database + "." + table;
    }

    public String databaseLocation() {
        return databaseLocation;
    }

    public String tableLocation() {
        return tableLocation;
    }

    public String partitionKey() {
        return partitionKey;
    }

    Database newDatabase() {
        Database db = new Database(database, "Copied by Run Replicator", databaseLocation, new HashMap<>());
        db.putToParameters(HiveParameters.CREATED_BY, HiveParameters.CREATOR);
        return db;
    }

    Table newTable(List<HiveColumn> columns, Map<String, String> parameters) {
        Table t = new Table();
        t.setDbName(database);
        t.setTableName(table);
        t.setTableType(EXTERNAL_TABLE);
        t.setSd(storage(columns, tableLocation));
        List<FieldSchema> keys = new ArrayList<>();
        keys.add(new FieldSchema(partitionKey, PARTITION_KEY_TYPE, null));
        t.setPartitionKeys(keys);
        Map<String, String> params = new HashMap<>(parameters);
        params.put("EXTERNAL", "TRUE");
        // Dropping the table in Hive must never delete the copied data.
        params.put("external.table.purge", "false");
        t.setParameters(params);
        return t;
    }

    /** A partition of {@code table} at {@code location}, with the table's current columns and format. */
    Partition newPartition(Table table, String value, Path location, Map<String, String> parameters) {
        Partition p = new Partition();
        p.setDbName(database);
        p.setTableName(this.table);
        p.setValues(List.of(value));
        StorageDescriptor sd = table.getSd().deepCopy();
        sd.setLocation(location.toString());
        p.setSd(sd);
        p.setParameters(new HashMap<>(parameters));
        return p;
    }

    private static StorageDescriptor storage(List<HiveColumn> columns, String location) {
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(HiveColumn.toFields(columns));
        sd.setLocation(location);
        sd.setInputFormat(INPUT_FORMAT);
        sd.setOutputFormat(OUTPUT_FORMAT);
        SerDeInfo serde = new SerDeInfo();
        serde.setSerializationLib(SERDE);
        serde.setParameters(new HashMap<>(Map.of("serialization.format", "1")));
        sd.setSerdeInfo(serde);
        sd.setCompressed(false);
        sd.setNumBuckets(-1);
        sd.setBucketCols(new ArrayList<>());
        sd.setSortCols(new ArrayList<>());
        sd.setParameters(new HashMap<>());
        return sd;
    }
}
