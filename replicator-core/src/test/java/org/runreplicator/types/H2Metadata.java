package org.runreplicator.types;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;

/** Describes an H2 table straight from the driver's metadata, as the dialects' contract says: TYPE_NAME upper-cased, DATA_TYPE, COLUMN_SIZE, DECIMAL_DIGITS. */
public final class H2Metadata {
    private H2Metadata() {
    }

    public static SourceTable describe(Connection connection, String schema, String table) throws SQLException {
        List<SourceColumn> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (rs.next()) {
                columns.add(new SourceColumn(rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"), rs.getInt("DATA_TYPE"),
                        rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        return new SourceTable(new TableRef(schema, table), columns, List.of(), false);
    }
}
