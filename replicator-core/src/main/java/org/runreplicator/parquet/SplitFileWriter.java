package org.runreplicator.parquet;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.runreplicator.ReplicatorException;
import org.runreplicator.types.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one split's rows into {@code <directory>/<filePrefix>-<NNNNN>.parquet}, starting a new
 * file when the current one reaches {@link WriterSettings#targetFileBytes()}. Memory stays at
 * about one row group whatever the table size. Files are created, never overwritten: a retried
 * split needs its own prefix. Not thread-safe: one writer per split.
 *
 * <p>Use it as: {@link #write} per row, then {@link #finish} for the files; after any failure,
 * {@link #abort} (or {@link #close}, which aborts an unfinished writer) removes what was written.
 */
public final class SplitFileWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SplitFileWriter.class);
    // Asking the writer for its size walks every column, so it is asked only as often as the rows seen so far suggest.
    private static final long MAX_ROWS_BETWEEN_SIZE_CHECKS = 10_000;

    private enum State { OPEN, FINISHED, ABORTED }

    private final Configuration conf;
    private final FileSystem fileSystem;
    private final Path directory;
    private final String filePrefix;
    private final TableSchema schema;
    private final WriterSettings settings;
    private final Map<String, String> footerMetadata;

    private final List<Path> created = new ArrayList<>();
    private final List<WrittenFile> finished = new ArrayList<>();
    private State state = State.OPEN;
    private boolean failed;
    private ParquetWriter<ResultSet> current;
    private Path currentPath;
    private long rowsInFile;
    private long nextSizeCheck;
    private long rows;

    /**
     * Nothing is created until the first row arrives, so a split without rows writes no file.
     *
     * @param footerMetadata key/value pairs stored in every file's footer
     */
    public SplitFileWriter(Configuration conf, Path directory, String filePrefix, TableSchema schema, WriterSettings settings,
            Map<String, String> footerMetadata) {
        this.conf = conf;
        this.directory = directory;
        this.filePrefix = filePrefix;
        this.schema = schema;
        this.settings = settings;
        this.footerMetadata = Map.copyOf(footerMetadata);
        try {
            this.fileSystem = FileSystemOutputFile.forWriting(directory.getFileSystem(conf));
        } catch (IOException e) {
            throw ReplicatorException.target("Cannot write Parquet files under " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the result set's current row.
     *
     * @throws SQLException as the driver threw it while reading the row (the caller decides whether to retry the split)
     * @throws ReplicatorException TARGET when the file cannot be written, SOURCE when a value cannot be stored exactly
     */
    public void write(ResultSet row) throws SQLException {
        if (state != State.OPEN || failed) {
            throw new IllegalStateException("Cannot write to " + directory + "/" + filePrefix + ": the writer is " + describeState());
        }
        try {
            if (current == null) {
                openNextFile();
            }
            current.write(row);
        } catch (JdbcRowWriteSupport.RowReadException e) {
            failed = true;
            throw e.getCause();
        } catch (IOException e) {
            failed = true;
            throw ReplicatorException.target("Cannot write Parquet file " + currentPath + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        rows++;
        rowsInFile++;
        if (rowsInFile >= nextSizeCheck) {
            rollIfFull();
        }
    }

    /** Rows written so far, over all files. */
    public long rows() {
        return rows;
    }

    /** Closes the current file and returns every file written, in order; none if no row was written. */
    public List<WrittenFile> finish() {
        if (state != State.OPEN || failed) {
            throw new IllegalStateException("Cannot finish " + directory + "/" + filePrefix + ": the writer is " + describeState());
        }
        if (current != null) {
            closeCurrentFile();
        }
        state = State.FINISHED;
        return List.copyOf(finished);
    }

    /**
     * Like {@link #finish}, but when no row was written it writes one file with no rows, so a
     * reader can still learn the schema of an empty table.
     */
    public List<WrittenFile> finishKeepingSchema() {
        if (state == State.OPEN && !failed && created.isEmpty()) {
            try {
                openNextFile();
            } catch (IOException e) {
                failed = true;
                throw ReplicatorException.target("Cannot write Parquet file " + currentPath + ": " + e.getMessage(), e);
            }
        }
        return finish();
    }

    /** Closes quietly and deletes every file this writer created, finished or not. Safe to call more than once. */
    public void abort() {
        if (state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing {} after a failure also failed: {}", currentPath, e.toString());
            }
            current = null;
        }
        for (Path path : created) {
            try {
                fileSystem.delete(path, false);
            } catch (IOException e) {
                LOG.warn("Could not delete {} after an aborted write: {}", path, e.toString());
            }
        }
    }

    /** Aborts unless {@link #finish} succeeded. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            abort();
        }
    }

    private void rollIfFull() {
        long size = current.getDataSize();
        long target = settings.targetFileBytes();
        if (size >= target) {
            closeCurrentFile();
            return;
        }
        long bytesPerRow = Math.max(1, size / rowsInFile);
        long rowsUntilTarget = (target - size) / bytesPerRow;
        nextSizeCheck = rowsInFile + Math.max(1, Math.min(MAX_ROWS_BETWEEN_SIZE_CHECKS, rowsUntilTarget / 2));
    }

    private void openNextFile() throws IOException {
        currentPath = fileSystem.makeQualified(new Path(directory, String.format(Locale.ROOT, "%s-%05d.parquet", filePrefix, created.size())));
        created.add(currentPath);
        Builder builder = new Builder(new FileSystemOutputFile(fileSystem, currentPath), schema, footerMetadata);
        for (ColumnDescriptor column : schema.messageType().getColumns()) {
            builder.withDictionaryEncoding(column.getPath()[0], settings.dictionary().encodes(column));
        }
        current = builder
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(settings.codec())
                .withRowGroupSize((long) settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.pageBytes())
                // Version 1 pages: Hive 3.1 and older Spark readers do not all read version 2 data pages.
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
        rowsInFile = 0;
        nextSizeCheck = 1;
    }

    private void closeCurrentFile() {
        try {
            current.close();
            current = null;
            long bytes = fileSystem.getFileStatus(currentPath).getLen();
            finished.add(new WrittenFile(currentPath.toString(), rowsInFile, bytes));
            LOG.debug("Wrote {} ({} rows, {} bytes)", currentPath, rowsInFile, bytes);
        } catch (IOException | RuntimeException e) {
            // Parquet wraps a failing close in "Unable to close resource": name the I/O error beneath.
            failed = true;
            throw ReplicatorException.target("Cannot finish Parquet file " + currentPath + ": " + rootMessage(e), e);
        }
        rowsInFile = 0;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
    }

    private String describeState() {
        return failed ? "failed (abort it)" : state.name().toLowerCase(Locale.ROOT);
    }

    private static final class Builder extends ParquetWriter.Builder<ResultSet, Builder> {
        private final TableSchema schema;
        private final Map<String, String> footerMetadata;

        Builder(OutputFile file, TableSchema schema, Map<String, String> footerMetadata) {
            super(file);
            this.schema = schema;
            this.footerMetadata = footerMetadata;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ResultSet> getWriteSupport(Configuration configuration) {
            return new JdbcRowWriteSupport(schema, footerMetadata);
        }
    }
}
