package org.runreplicator.parquet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.runreplicator.types.TableSchema;
import org.runreplicator.types.ValueWriter;

/**
 * Writes the current row of a JDBC {@link ResultSet} as one Parquet record, straight through the
 * value writers: no intermediate row objects. A {@link SQLException} from the driver leaves as a
 * {@link RowReadException} (WriteSupport cannot throw checked exceptions) for the caller to unwrap.
 */
public final class JdbcRowWriteSupport extends WriteSupport<ResultSet> {
    /** Footer key naming what wrote the file. */
    public static final String WRITER_MODEL = "run-replicator";

    /** Carries the driver's {@link SQLException} out of {@link #write}. */
    public static final class RowReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowReadException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private final TableSchema schema;
    private final Map<String, String> footerMetadata;
    private final ValueWriter[] writers;
    private RecordConsumer out;

    public JdbcRowWriteSupport(TableSchema schema, Map<String, String> footerMetadata) {
        this.schema = schema;
        Map<String, String> footer = new java.util.HashMap<>(footerMetadata);
        footer.putAll(schema.flavor().footerMetadata());
        this.footerMetadata = Map.copyOf(footer);
        List<ValueWriter> list = schema.newWriters();
        this.writers = list.toArray(new ValueWriter[0]);
    }

    @Override
    public String getName() {
        return WRITER_MODEL;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema.messageType(), footerMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(ResultSet row) {
        out.startMessage();
        try {
            for (ValueWriter writer : writers) {
                writer.write(row, out);
            }
        } catch (SQLException e) {
            throw new RowReadException(e);
        }
        out.endMessage();
    }
}
