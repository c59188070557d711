package org.runreplicator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Parquet output back with DuckDB, a reader independent of the one that wrote it. Values
 * come back as exact Java types that never pass through the JVM zone: TIMESTAMP as
 * {@link LocalDateTime}, TIMESTAMP WITH TIME ZONE as {@link java.time.Instant}, DATE as
 * {@link LocalDate}, TIME as {@link LocalTime}, DECIMAL as {@link BigDecimal}, BLOB as byte[].
 */
public final class ParquetReadback {
    private static final String ZONED = "TIMESTAMP WITH TIME ZONE";

    /** What was read: column names and DuckDB types in file order, and the rows. */
    public record Table(List<String> columns, List<String> types, List<List<Object>> rows) {
        /** The values of one column, in row order. */
        public List<Object> column(String name) {
            int index = columns.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("No column " + name + " in " + columns);
            }
            return rows.stream().map(row -> row.get(index)).collect(Collectors.toList());
        }

        /** DuckDB's type for a column, e.g. {@code DECIMAL(38,5)}, {@code TIMESTAMP WITH TIME ZONE}. */
        public String type(String name) {
            return types.get(columns.indexOf(name));
        }
    }

    private ParquetReadback() {
    }

    /** Every data file under {@code directory}: {@code *.parquet}, skipping any path component starting with {@code _} or {@code .}. */
    public static List<Path> dataFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> isVisible(directory.relativize(p)))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isVisible(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Reads every data file under {@code directory}, rows ordered by {@code orderBy} (NULLs last). */
    public static Table read(Path directory, String orderBy) {
        List<Path> files = dataFiles(directory);
        if (files.isEmpty()) {
            throw new IllegalStateException("No Parquet data files under " + directory);
        }
        // DuckDB's driver turns TIMESTAMP WITH TIME ZONE into OffsetDateTime through a local
        // wall-clock time, which moves instants near a DST change: read those as epoch micros.
        Table described = query(directory, "*", orderBy, "LIMIT 0");
        List<String> zoned = new ArrayList<>();
        for (int i = 0; i < described.columns().size(); i++) {
            if (described.types().get(i).equals(ZONED)) {
                zoned.add(described.columns().get(i));
            }
        }
        if (zoned.isEmpty()) {
            return query(directory, "*", orderBy);
        }
        Table raw = query(directory, "* REPLACE (" + zoned.stream().map(c -> "epoch_us(" + quote(c) + ") AS " + quote(c))
                .collect(Collectors.joining(", ")) + ")", orderBy);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : raw.rows()) {
            List<Object> converted = new ArrayList<>(row);
            for (String column : zoned) {
                int index = raw.columns().indexOf(column);
                Object micros = row.get(index);
                converted.set(index, micros == null ? null
                        : Instant.EPOCH.plus(((Number) micros).longValue(), java.time.temporal.ChronoUnit.MICROS));
            }
            rows.add(converted);
        }
        return new Table(described.columns(), described.types(), rows);
    }

    /**
     * Runs {@code SELECT <selectList>} over every data file under {@code directory}, ordered by
     * column {@code orderBy}; e.g. {@code CAST("TS" AS VARCHAR)} to see DuckDB's own rendering.
     */
    public static Table query(Path directory, String selectList, String orderBy) {
        return query(directory, selectList, orderBy, "");
    }

    private static Table query(Path directory, String selectList, String orderBy, String limit) {
        List<Path> files = dataFiles(directory);
        if (files.isEmpty()) {
            throw new IllegalStateException("No Parquet data files under " + directory);
        }
        String sql = "SELECT " + selectList + " FROM read_parquet(" + fileList(files) + ") ORDER BY " + quote(orderBy) + " NULLS LAST " + limit;
        try (Connection connection = openDuckDb();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                types.add(meta.getColumnTypeName(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(value(rs, i, types.get(i - 1)));
                }
                rows.add(row);
            }
            return new Table(columns, types, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read " + files + ": " + e.getMessage(), e);
        }
    }

    /** Rows per file, as DuckDB counts them. */
    public static long rowCount(Path file) {
        return single("SELECT count(*) FROM read_parquet(" + fileList(List.of(file)) + ")");
    }

    /** The key/value metadata in a file's footer. */
    public static Map<String, String> footerMetadata(Path file) {
        String sql = "SELECT decode(key), decode(value) FROM parquet_kv_metadata(" + literal(file.toString()) + ")";
        try (Connection connection = openDuckDb();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            Map<String, String> metadata = new LinkedHashMap<>();
            while (rs.next()) {
                metadata.put(rs.getString(1), rs.getString(2));
            }
            return metadata;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read the footer of " + file + ": " + e.getMessage(), e);
        }
    }

    /** The codec DuckDB reports for the file's first column chunk, e.g. {@code SNAPPY}, {@code ZSTD}, {@code GZIP}, {@code UNCOMPRESSED}. */
    public static String compression(Path file) {
        String sql = "SELECT compression FROM parquet_metadata(" + literal(file.toString()) + ") LIMIT 1";
        try (Connection connection = openDuckDb();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read the metadata of " + file + ": " + e.getMessage(), e);
        }
    }

    private static long single(String sql) {
        try (Connection connection = openDuckDb();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not run " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return null;
        }
        if (type.startsWith("TIMESTAMP")) {
            return rs.getObject(column, LocalDateTime.class);
        }
        if (type.equals("DATE")) {
            // DuckDB's driver builds LocalDate through java.sql.Date (Julian before 1582-10-15); its text is proleptic Gregorian, like Parquet.
            return LocalDate.parse(rs.getString(column));
        }
        if (type.equals("TIME")) {
            // DuckDB's driver converts TIME only to java.sql.Time, which drops microseconds; its text is exact.
            return LocalTime.parse(rs.getString(column));
        }
        if (type.startsWith("DECIMAL")) {
            return rs.getBigDecimal(column);
        }
        if (type.equals("BLOB")) {
            return rs.getBytes(column);
        }
        return raw;
    }

    private static String fileList(List<Path> files) {
        return files.stream().map(p -> literal(p.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * An in-memory DuckDB session in UTC: its driver turns TIMESTAMP WITH TIME ZONE into
     * OffsetDateTime through the session zone, which in a DST zone moves instants near the change.
     */
    private static Connection openDuckDb() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
