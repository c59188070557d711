package org.runreplicator.types;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A table's columns as they are written: one {@link ColumnMapping} per source column, in the
 * order the SELECT returns them, and the Parquet schema they make. Not serializable: a task that
 * runs elsewhere maps the {@link org.runreplicator.source.SourceTable} again.
 */
public final class TableSchema {
    /** The Parquet message name; readers go by field names, so it is the same for every table. */
    public static final String MESSAGE_NAME = "row";

    private final String table;
    private final List<ColumnMapping> columns;
    private final MessageType messageType;
    private final ParquetFlavor flavor;

    /** {@code table} names the table in messages, e.g. {@code sales.orders}; {@code flavor} made the columns' Parquet types. */
    public TableSchema(String table, List<ColumnMapping> columns, ParquetFlavor flavor) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + table + " has no columns to write");
        }
        this.table = table;
        this.flavor = flavor;
        this.columns = List.copyOf(columns);
        List<Type> fields = new ArrayList<>(columns.size());
        for (ColumnMapping column : columns) {
            fields.add(column.parquetType());
        }
        this.messageType = new MessageType(MESSAGE_NAME, fields);
    }

    public String table() {
        return table;
    }

    public List<ColumnMapping> columns() {
        return columns;
    }

    /** The Parquet flavour the columns were mapped in; its footer metadata goes into every file. */
    public ParquetFlavor flavor() {
        return flavor;
    }

    public MessageType messageType() {
        return messageType;
    }

    /** Fresh value writers, one per column in order; each file writer needs its own (decimal writers keep a buffer). */
    public List<ValueWriter> newWriters() {
        List<ValueWriter> writers = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            writers.add(columns.get(i).newWriter(table, i));
        }
        return writers;
    }
}
