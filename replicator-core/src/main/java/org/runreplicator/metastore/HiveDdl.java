package org.runreplicator.metastore;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The HiveQL equivalent of what a run asks the metastore for, for people to read
 * ({@code replicator plan}): the run itself talks Thrift, not SQL.
 */
public final class HiveDdl {
    private HiveDdl() {
    }

    /** CREATE DATABASE, CREATE EXTERNAL TABLE and the partition switch for {@code spec} with {@code columns}. */
    public static String render(HiveTableSpec spec, List<HiveColumn> columns, String partitionValue) {
        String table = quote(spec.database()) + "." + quote(spec.table());
        String columnList = columns.stream().map(c -> "  " + quote(c.name()) + " " + c.type()).collect(Collectors.joining(",\n"));
        String partition = "PARTITION (" + quote(spec.partitionKey()) + "=" + literal(partitionValue) + ")";
        String version = spec.tableLocation() + "/" + spec.partitionKey() + "=" + partitionValue + "/run-<runId>";
        return "CREATE DATABASE IF NOT EXISTS " + quote(spec.database()) + " LOCATION " + literal(spec.databaseLocation()) + ";\n"
                + "CREATE EXTERNAL TABLE IF NOT EXISTS " + table + " (\n" + columnList + "\n)\n"
                + "PARTITIONED BY (" + quote(spec.partitionKey()) + " " + HiveTableSpec.PARTITION_KEY_TYPE + ")\n"
                + "ROW FORMAT SERDE " + literal(HiveTableSpec.SERDE) + "\n"
                + "STORED AS INPUTFORMAT " + literal(HiveTableSpec.INPUT_FORMAT) + "\n"
                + "  OUTPUTFORMAT " + literal(HiveTableSpec.OUTPUT_FORMAT) + "\n"
                + "LOCATION " + literal(spec.tableLocation()) + "\n"
                + "TBLPROPERTIES ('external.table.purge'='false');\n"
                + "-- after the commit, the first run of the partition adds it; later runs switch it (one metastore transaction):\n"
                + "ALTER TABLE " + table + " ADD " + partition + " LOCATION " + literal(version) + ";\n"
                + "ALTER TABLE " + table + " " + partition + " SET LOCATION " + literal(version) + ";\n"
                + "-- with partition parameters numRows, numFiles, totalSize (exact), and the source, run, job and td_timestamp\n";
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
