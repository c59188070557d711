package org.runreplicator.types;

import java.util.Locale;
import java.util.Map;
import org.runreplicator.ReplicatorException;

/**
 * Which Parquet encodings a copy uses for the types where readers disagree: decimals and
 * timestamps. Everything else is written the same way in every flavour.
 *
 * <ul>
 *   <li>{@link #HIVE3}: for Hive 3.1 (Dataproc 2.2/2.3), which reads through parquet 1.10 and knows
 *       decimals only as FIXED_LEN_BYTE_ARRAY and timestamps only as INT96. INT96 holds the UTC
 *       wall clock, and the footer says {@code writer.time.zone=UTC} so Hive does not shift it into
 *       the reader's zone. Spark, Trino, DuckDB, pyarrow and BigQuery read it too.</li>
 *   <li>{@link #MODERN}: the Parquet format's current types: decimals as INT32/INT64/FIXED_LEN_BYTE_ARRAY
 *       by precision, timestamps as INT64 TIMESTAMP(MICROS) with isAdjustedToUTC saying whether it is
 *       an instant. For Hive 4 (Dataproc 3.0), Spark 3.x, Trino, DuckDB, pyarrow and BigQuery;
 *       Hive 3.1 cannot read its decimals of up to 18 digits or any of its timestamps.</li>
 * </ul>
 */
public enum ParquetFlavor {
    HIVE3,
    MODERN;

    /** Dataproc 2.2 and 2.3, the clusters this runs on today, have Hive 3.1.3. */
    public static final ParquetFlavor DEFAULT = HIVE3;

    /** The footer key Hive 3.1 reads to convert INT96 timestamps (and Spark's INT96 rebase code reads too). */
    public static final String WRITER_TIME_ZONE = "writer.time.zone";

    /** Parses {@code --parquet-flavor}: hive3 or modern. */
    public static ParquetFlavor parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ParquetFlavor flavor : values()) {
            if (flavor.cliName().equals(value)) {
                return flavor;
            }
        }
        throw ReplicatorException.usage("Invalid --parquet-flavor '" + text + "': expected hive3 (Hive 3.1, Dataproc 2.2/2.3)"
                + " or modern (Hive 4, Dataproc 3.0)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether decimals are always FIXED_LEN_BYTE_ARRAY (else INT32/INT64 where the precision fits). */
    boolean decimalsAsFixedLength() {
        return this == HIVE3;
    }

    /** Whether timestamps are INT96 (else INT64 TIMESTAMP(MICROS)). */
    boolean timestampsAsInt96() {
        return this == HIVE3;
    }

    /** Key/value pairs every file of this flavour carries in its footer. */
    public Map<String, String> footerMetadata() {
        return this == HIVE3 ? Map.of(WRITER_TIME_ZONE, "UTC") : Map.of();
    }
}
