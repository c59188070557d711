package org.runreplicator.parquet;

import java.io.Serializable;
import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.runreplicator.ReplicatorException;

/** How Parquet files are written: codec, the size at which a split rolls to a new file, row group and page sizes. */
public final class WriterSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_COMPRESSION = "snappy";
    public static final long DEFAULT_TARGET_FILE_BYTES = 256L << 20;
    public static final int DEFAULT_ROW_GROUP_BYTES = 64 << 20;
    public static final int DEFAULT_PAGE_BYTES = 1 << 20;
    public static final DictionaryColumns DEFAULT_DICTIONARY = DictionaryColumns.STRINGS;

    private final CompressionCodecName codec;
    private final long targetFileBytes;
    private final int rowGroupBytes;
    private final int pageBytes;
    private final DictionaryColumns dictionary;

    public WriterSettings(CompressionCodecName codec, long targetFileBytes, int rowGroupBytes, int pageBytes) {
        this(codec, targetFileBytes, rowGroupBytes, pageBytes, DEFAULT_DICTIONARY);
    }

    public WriterSettings(CompressionCodecName codec, long targetFileBytes, int rowGroupBytes, int pageBytes,
            DictionaryColumns dictionary) {
        this.codec = codec;
        this.targetFileBytes = targetFileBytes;
        this.rowGroupBytes = rowGroupBytes;
        this.pageBytes = pageBytes;
        this.dictionary = dictionary;
    }

    public static WriterSettings defaults() {
        return new WriterSettings(codec(DEFAULT_COMPRESSION), DEFAULT_TARGET_FILE_BYTES, DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES,
                DEFAULT_DICTIONARY);
    }

    /** Parses {@code --compression}: snappy, zstd, gzip or none. */
    public static CompressionCodecName codec(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "snappy":
                return CompressionCodecName.SNAPPY;
            case "zstd":
                return CompressionCodecName.ZSTD;
            case "gzip":
                return CompressionCodecName.GZIP;
            case "none":
            case "uncompressed":
                return CompressionCodecName.UNCOMPRESSED;
            default:
                throw ReplicatorException.usage("Invalid compression '" + name + "': expected snappy, zstd, gzip or none");
        }
    }

    public CompressionCodecName codec() {
        return codec;
    }

    public long targetFileBytes() {
        return targetFileBytes;
    }

    public int rowGroupBytes() {
        return rowGroupBytes;
    }

    public int pageBytes() {
        return pageBytes;
    }

    /** Which columns are dictionary-encoded. */
    public DictionaryColumns dictionary() {
        return dictionary;
    }

    /** The same settings with a smaller row group, used to keep concurrent writers inside the heap. */
    public WriterSettings withRowGroupBytes(int bytes) {
        return new WriterSettings(codec, targetFileBytes, bytes, Math.min(pageBytes, bytes), dictionary);
    }
}
