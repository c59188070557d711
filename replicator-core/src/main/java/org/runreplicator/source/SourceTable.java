package org.runreplicator.source;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What a dialect learned about a table: its columns in order, the key it is distributed or
 * identified by (Teradata primary index, else the primary key; empty when there is none), and
 * whether it is row-partitioned (Teradata PPI).
 */
public final class SourceTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TableRef ref;
    private final List<SourceColumn> columns;
    private final List<String> keyColumns;
    private final boolean partitioned;

    public SourceTable(TableRef ref, List<SourceColumn> columns, List<String> keyColumns, boolean partitioned) {
        this.ref = ref;
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        this.partitioned = partitioned;
    }

    public TableRef ref() {
        return ref;
    }

    public List<SourceColumn> columns() {
        return columns;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public boolean partitioned() {
        return partitioned;
    }

    /** The column named {@code name}, compared case-insensitively as SQL does for unquoted names. */
    public Optional<SourceColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }
}
