package org.runreplicator.metastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.runreplicator.types.ColumnMapping;
import org.runreplicator.types.TableSchema;

/** A Hive column as the metastore keeps it: name and type in lower case, e.g. {@code amount decimal(12,2)}. */
public final class HiveColumn {
    private final String name;
    private final String type;

    public HiveColumn(String name, String type) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.type = type.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** The Hive columns of {@code schema}, in order; the types come from the type mapping. */
    public static List<HiveColumn> of(TableSchema schema) {
        List<HiveColumn> columns = new ArrayList<>();
        for (ColumnMapping column : schema.columns()) {
            columns.add(new HiveColumn(column.name(), column.hiveType()));
        }
        return columns;
    }

    static List<HiveColumn> of(List<FieldSchema> fields) {
        List<HiveColumn> columns = new ArrayList<>();
        for (FieldSchema field : fields) {
            columns.add(new HiveColumn(field.getName(), field.getType()));
        }
        return columns;
    }

    static List<FieldSchema> toFields(List<HiveColumn> columns) {
        List<FieldSchema> fields = new ArrayList<>();
        for (HiveColumn column : columns) {
            fields.add(new FieldSchema(column.name, column.type, null));
        }
        return fields;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HiveColumn && ((HiveColumn) o).name.equals(name) && ((HiveColumn) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type);
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
