package org.runreplicator.parquet;

import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.runreplicator.ReplicatorException;

/**
 * Which columns get Parquet dictionary encoding ({@code --dictionary}). The default, strings,
 * came from the benchmark: on its 20-column table, dropping dictionaries from numbers, dates and
 * timestamps cut CPU per row by an eighth and grew the files by half a percent, since plain
 * fixed-width values compress well with snappy while strings gain most from a dictionary.
 */
public enum DictionaryColumns {
    /** Text and binary columns only. */
    STRINGS,
    /** Every column, as parquet-mr does by default. */
    ALL,
    /** No column. */
    NONE;

    public static DictionaryColumns parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ReplicatorException.usage("Invalid dictionary setting '" + text + "': expected strings, all or none");
        }
    }

    public boolean encodes(ColumnDescriptor column) {
        switch (this) {
            case ALL:
                return true;
            case NONE:
                return false;
            default:
                return column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
