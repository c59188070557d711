package org.runreplicator.source;

import java.io.Serializable;
import java.util.Objects;

/** A source table named by the user: database (schema for PostgreSQL and H2) and table. Both names are validated. */
public final class TableRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final String table;

    public TableRef(String database, String table) {
        this.database = Identifiers.requireValid(database, "database");
        this.table = Identifiers.requireValid(table, "table");
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRef && ((TableRef) o).database.equals(database) && ((TableRef) o).table.equals(table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(database, table);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
