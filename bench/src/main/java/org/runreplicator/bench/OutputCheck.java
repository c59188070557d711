package org.runreplicator.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Proves nobody wins by dropping or mangling rows: the same checksum (row count and sums over a
 * key, an int, a decimal, a nullable column, a long varchar and a date) computed by PostgreSQL
 * over the table and by DuckDB, an independent reader, over the Parquet a contestant wrote.
 */
final class OutputCheck {
    private static final String CHECKSUM = "count(*), sum(id), sum(c_int), sum(c_dec_18_4), count(c_qty),"
            + " sum(length(c_text)), sum(c_date - DATE '2000-01-01')";

    private OutputCheck() {
    }

    static List<String> sourceChecksum(Connection source, BenchTable table) throws SQLException {
        return checksum(source, "SELECT " + CHECKSUM + " FROM " + table.qualified());
    }

    /** The checksum of every data file under {@code output}: *.parquet, skipping paths under _ or . components. */
    static List<String> parquetChecksum(Path output) throws SQLException, IOException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            return checksum(duck, "SELECT " + CHECKSUM + " FROM read_parquet(" + fileList(output) + ")");
        }
    }

    /** Rows in each data file: one file per split for Spark, whose per-split counts are not reported otherwise. */
    static List<Long> rowsPerFile(Path output) throws SQLException, IOException {
        List<Long> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + fileList(output)
                     + ", filename = true) GROUP BY filename")) {
            while (rs.next()) {
                rows.add(rs.getLong(1));
            }
        }
        return rows;
    }

    static List<Path> dataFiles(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> noHiddenComponent(output.relativize(p)))
                    .sorted().toList();
        }
    }

    private static boolean noHiddenComponent(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static String fileList(Path output) throws IOException {
        List<Path> files = dataFiles(output);
        if (files.isEmpty()) {
            throw new IllegalStateException("No Parquet files under " + output);
        }
        StringBuilder sql = new StringBuilder("[");
        for (Path f : files) {
            sql.append(sql.length() > 1 ? "," : "").append('\'').append(f.toString().replace("'", "''")).append('\'');
        }
        return sql.append(']').toString();
    }

    private static List<String> checksum(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(new BigDecimal(rs.getString(i)).stripTrailingZeros().toPlainString());
            }
            return values;
        }
    }
}
