package org.runreplicator.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.types.H2Metadata;
import org.runreplicator.types.TableSchema;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.types.ParquetFlavor;
import org.runreplicator.types.TypeMapper;

class SplitFileWriterTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path output;

    private Connection h2;
    private TableSchema schema;

    @BeforeEach
    void createSource() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:writer;DB_CLOSE_DELAY=-1");
        try (Statement s = h2.createStatement()) {
            s.execute("CREATE SCHEMA S");
            s.execute("CREATE TABLE S.EVENTS (ID BIGINT, AMOUNT DECIMAL(12,2), NOTE VARCHAR(200))");
            s.execute("INSERT INTO S.EVENTS SELECT X, X / 100.0, 'note ' || RAND() FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
        schema = TypeMapper.map(H2Metadata.describe(h2, "S", "EVENTS"), new H2Dialect(), Map.of(), false, ParquetFlavor.MODERN);
    }

    @AfterEach
    void dropSource() throws SQLException {
        try (Statement s = h2.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        h2.close();
    }

    @Test
    void rollsToNewFilesWhoseRowsSumToTheTotal_whenTheTargetSizeIsSmall() throws Exception {
        WriterSettings small = new WriterSettings(WriterSettings.codec("snappy"), 64 << 10, 32 << 10, 8 << 10);

        List<WrittenFile> files = writeAll("SELECT * FROM S.EVENTS", small, Map.of());

        assertThat(files).hasSizeGreaterThan(3);
        assertThat(files.stream().mapToLong(WrittenFile::rows).sum()).isEqualTo(ROWS);
        for (int i = 0; i < files.size(); i++) {
            WrittenFile file = files.get(i);
            Path local = Path.of(java.net.URI.create(file.path()));
            assertThat(local.getFileName().toString()).isEqualTo(String.format("s00007-%05d.parquet", i));
            assertThat(ParquetReadback.rowCount(local)).isEqualTo(file.rows());
            assertThat(Files.size(local)).isEqualTo(file.bytes());
        }
        ParquetReadback.Table back = ParquetReadback.read(output, "ID");
        assertThat(back.rows()).hasSize(ROWS);
        assertThat(back.column("ID")).first().isEqualTo(1L);
        assertThat(back.column("ID")).last().isEqualTo((long) ROWS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "none"})
    void writesFilesDuckDbReads_withEveryCodec(String codec) throws Exception {
        WriterSettings settings = new WriterSettings(WriterSettings.codec(codec), WriterSettings.DEFAULT_TARGET_FILE_BYTES,
                WriterSettings.DEFAULT_ROW_GROUP_BYTES, WriterSettings.DEFAULT_PAGE_BYTES);

        List<WrittenFile> files = writeAll("SELECT * FROM S.EVENTS", settings, Map.of());

        assertThat(files).hasSize(1);
        Path file = Path.of(java.net.URI.create(files.get(0).path()));
        assertThat(ParquetReadback.compression(file)).isEqualTo(codec.equals("none") ? "UNCOMPRESSED" : codec.toUpperCase());
        assertThat(ParquetReadback.read(output, "ID").rows()).hasSize(ROWS);
    }

    @Test
    void storesFooterMetadataInEveryFile() throws Exception {
        WriterSettings small = new WriterSettings(WriterSettings.codec("zstd"), 64 << 10, 32 << 10, 8 << 10);

        List<WrittenFile> files = writeAll("SELECT * FROM S.EVENTS", small, Map.of("run.job_id", "job-42", "run.split", "7"));

        assertThat(files).hasSizeGreaterThan(1);
        for (WrittenFile file : files) {
            assertThat(ParquetReadback.footerMetadata(Path.of(java.net.URI.create(file.path()))))
                    .containsEntry("run.job_id", "job-42").containsEntry("run.split", "7")
                    .containsEntry("writer.model.name", JdbcRowWriteSupport.WRITER_MODEL);
        }
    }

    @Test
    void abortLeavesNothingBehind_evenAfterSeveralFilesWereFinished() throws Exception {
        WriterSettings small = new WriterSettings(WriterSettings.codec("snappy"), 64 << 10, 32 << 10, 8 << 10);
        Path directory = output.resolve("db/t/ds=2024-05-01");
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM S.EVENTS")) {
            SplitFileWriter writer = writer(directory, small, Map.of());
            for (int i = 0; i < ROWS / 2 && rs.next(); i++) {
                writer.write(rs);
            }
            assertThat(listFiles(directory)).hasSizeGreaterThan(1);

            writer.abort();
            writer.abort();
        }

        assertThat(listFiles(directory)).isEmpty();
    }

    @Test
    void closingAnUnfinishedWriterAborts_andAFinishedOneKeepsItsFiles() throws Exception {
        Path aborted = output.resolve("aborted");
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM S.EVENTS");
                SplitFileWriter writer = writer(aborted, WriterSettings.defaults(), Map.of())) {
            rs.next();
            writer.write(rs);
        }
        assertThat(listFiles(aborted)).isEmpty();

        List<WrittenFile> files = writeAll("SELECT * FROM S.EVENTS", WriterSettings.defaults(), Map.of());
        assertThat(files).hasSize(1);
        assertThat(listFiles(output)).containsExactly(output.resolve("s00007-00000.parquet"));
    }

    @Test
    void writesNoFileAndNoChecksumSideFiles() throws Exception {
        assertThat(writeAll("SELECT * FROM S.EVENTS WHERE ID < 0", WriterSettings.defaults(), Map.of())).isEmpty();
        assertThat(listFiles(output)).isEmpty();

        writeAll("SELECT * FROM S.EVENTS", WriterSettings.defaults(), Map.of());

        try (Stream<Path> all = Files.walk(output)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("s00007-00000.parquet");
        }
    }

    @Test
    void stopsWithTheValueAndColumn_whenADecimalWouldHaveToBeRounded() throws Exception {
        try (Statement s = h2.createStatement();
                ResultSet rs = s.executeQuery("SELECT ID, CAST(1.234 AS DECIMAL(10,3)) AS AMOUNT, NOTE FROM S.EVENTS");
                SplitFileWriter writer = writer(output, WriterSettings.defaults(), Map.of())) {
            rs.next();

            assertThatThrownBy(() -> writer.write(rs))
                    .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                    .hasMessage("Cannot copy table S.EVENTS: column AMOUNT has value 1.234 that has more than 2 digits after the point"
                            + " for DECIMAL(12,2) and would have to be rounded; map it with --map-column AMOUNT=DECIMAL(p,s) with a larger"
                            + " scale, or AMOUNT=STRING");
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
        }
        assertThat(listFiles(output)).isEmpty();
    }

    @Test
    void passesTheDriversSqlExceptionThrough_soTheCallerCanRetryTheSplit() throws Exception {
        try (Statement s = h2.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM S.EVENTS");
                SplitFileWriter writer = writer(output, WriterSettings.defaults(), Map.of())) {
            rs.next();
            rs.close();

            assertThatThrownBy(() -> writer.write(rs)).isInstanceOf(SQLException.class);
        }
        assertThat(listFiles(output)).isEmpty();
    }

    @Test
    void dictionaryEncodesOnlyStringsByDefault_andEveryOrNoColumnWhenAsked() throws Exception {
        assertThat(dictionaryColumns(WriterSettings.defaults())).containsExactly("NOTE");
        assertThat(dictionaryColumns(withDictionary(DictionaryColumns.ALL))).containsExactly("ID", "AMOUNT", "NOTE");
        assertThat(dictionaryColumns(withDictionary(DictionaryColumns.NONE))).isEmpty();
    }

    private static WriterSettings withDictionary(DictionaryColumns dictionary) {
        WriterSettings d = WriterSettings.defaults();
        return new WriterSettings(d.codec(), d.targetFileBytes(), d.rowGroupBytes(), d.pageBytes(), dictionary);
    }

    /** The columns whose chunks in the written file carry a dictionary page. */
    private List<String> dictionaryColumns(WriterSettings settings) throws Exception {
        // Few distinct values in every column, so no column falls back from its dictionary.
        List<WrittenFile> files = writeAll("SELECT MOD(ID, 3), CAST(MOD(ID, 5) AS DECIMAL(12,2)), 'kind ' || MOD(ID, 7) FROM S.EVENTS",
                settings, Map.of());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(files.get(0).path());
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, new Configuration()))) {
            List<String> columns = new java.util.ArrayList<>();
            for (var chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
                if (chunk.hasDictionaryPage()) {
                    columns.add(chunk.getPath().toDotString());
                }
            }
            return columns;
        } finally {
            for (WrittenFile file : files) {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(java.net.URI.create(file.path())));
            }
        }
    }

    private List<WrittenFile> writeAll(String sql, WriterSettings settings, Map<String, String> footer) throws SQLException {
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery(sql);
                SplitFileWriter writer = writer(output, settings, footer)) {
            long rows = 0;
            while (rs.next()) {
                writer.write(rs);
                rows++;
            }
            assertThat(writer.rows()).isEqualTo(rows);
            return writer.finish();
        }
    }

    private SplitFileWriter writer(Path directory, WriterSettings settings, Map<String, String> footer) {
        return new SplitFileWriter(new Configuration(), new org.apache.hadoop.fs.Path(directory.toUri()), "s00007", schema, settings, footer);
    }

    private static List<Path> listFiles(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
