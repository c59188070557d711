package org.runreplicator.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.split.SplitPlan;
import org.runreplicator.split.SplitPlanner;
import org.runreplicator.split.SplitRequest;
import org.runreplicator.testing.TeradataH2Fixture;

/**
 * The exact SQL each dialect sends, compared with files under {@code golden/<dialect>/}. After a
 * deliberate change, rewrite the files with {@code -Dgolden.update=true} and review the diff.
 */
class DialectSqlGoldenTest {
    private static final SourceTable TABLE = new SourceTable(new TableRef("Sales", "Orders"), List.of(
            new SourceColumn("ORDER_ID", 1, Types.BIGINT, "BIGINT", 0, 0, false),
            new SourceColumn("VA%UE", 2, Types.INTEGER, "INTEGER", 0, 0, true),
            new SourceColumn("say \"hi\"", 3, Types.VARCHAR, "VARCHAR", 20, 0, true),
            new SourceColumn("PLACED", 4, Types.TIMESTAMP, "TIMESTAMPTZ", 0, 6, true)),
            List.of("ORDER_ID", "VA%UE"), true);
    private static final String SPLIT = "\"ORDER_ID\" >= 10 AND \"ORDER_ID\" < 20";
    private static final String WHERE = "region = 'EU' OR region IS NULL";

    static Stream<SourceDialect> dialects() {
        return Stream.of(new H2Dialect(), new PostgresDialect(), new TeradataDialect());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void selectCountAndSampleSqlMatchTheGoldenText(SourceDialect dialect) throws Exception {
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("select", dialect.selectSql(TABLE, SPLIT, WHERE));
        sql.put("select_whole_table", dialect.selectSql(TABLE, null, null));
        sql.put("count", dialect.countSql(TABLE, SPLIT, WHERE));
        sql.put("count_user_filter_only", dialect.countSql(TABLE, null, WHERE));
        sql.put("sample_whole_column", dialect.sampleSql(TABLE, "VA%UE", 30_000, 1_000, WHERE));
        sql.put("sample_random", dialect.sampleSql(TABLE, "VA%UE", 30_000, 12_345_678, WHERE));
        sql.put("select_under_access_lock", dialect.withLock(dialect.selectSql(TABLE, SPLIT, WHERE), TABLE, SourceLock.ACCESS));
        sql.put("count_under_read_lock", dialect.withLock(dialect.countSql(TABLE, null, WHERE), TABLE, SourceLock.READ));
        if (!(dialect instanceof TeradataDialect)) {
            BucketExpression single = dialect.hashBuckets(null, TABLE, List.of("PLACED"), 6);
            BucketExpression composite = dialect.hashBuckets(null, TABLE, List.of("ORDER_ID", "VA%UE"), 6);
            sql.put("hash_bucket_single_column", single.toString());
            sql.put("hash_bucket_composite_key", composite.toString());
        }
        assertGolden(dialect.name(), sql);
    }

    @Test
    void teradataDictionaryHashAndPartitionSqlMatchTheGoldenText() throws Exception {
        TeradataDialect dialect = new TeradataDialect();
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("describe_columns", TeradataDialect.COLUMNS_SQL);
        sql.put("describe_primary_index", TeradataDialect.PRIMARY_INDEX_SQL);
        sql.put("amp_count", TeradataDialect.AMP_COUNT_SQL);
        sql.put("hash_bucket_count", TeradataDialect.HASH_BUCKET_COUNT_SQL);
        try (TeradataH2Fixture fixture = TeradataH2Fixture.open()) {
            BucketExpression amps = dialect.hashBuckets(fixture.connection(), TABLE, TABLE.keyColumns(), 3);
            BucketExpression buckets = dialect.hashBuckets(fixture.connection(), TABLE, TABLE.keyColumns(), 20);
            sql.put("hash_amp_buckets", amps.toString());
            sql.put("hash_amp_rows_per_amp", dialect.bucketCountSql(TABLE, amps, WHERE));
            sql.put("hash_bucket_ranges", buckets.toString());
            BucketExpression partitions = dialect.partitionBuckets(TABLE);
            sql.put("partition_rows_per_partition", dialect.bucketCountSql(TABLE, partitions, null));

            TeradataH2Fixture.Table events = TeradataH2Fixture.eventsTable("Sales", "Events");
            fixture.create(events);
            try (Statement st = fixture.connection().createStatement()) {
                st.execute("INSERT INTO " + TeradataH2Fixture.qualified(events)
                        + " (EVENT_ID, EVENT_DATE) SELECT X, DATEADD(DAY, X, DATE '2020-01-01') FROM SYSTEM_RANGE(1, 1000)");
            }
            SourceTable described = dialect.describe(fixture.connection(), new TableRef("sales", "events"));
            SplitPlanner planner = new SplitPlanner();
            sql.put("hash_split_predicates", predicates(planner.plan(fixture.connection(), dialect, described,
                    new SplitRequest(SplitMethod.HASH, null, 3, null))));
            sql.put("partition_split_predicates", predicates(planner.plan(fixture.connection(), dialect, described,
                    new SplitRequest(SplitMethod.PARTITION, null, 4, null))));
        }
        assertGolden("teradata", sql);
    }

    private static String predicates(SplitPlan plan) {
        StringBuilder text = new StringBuilder(plan.method().cliName()).append(" on ").append(plan.columns()).append('\n');
        plan.splits().forEach(s -> text.append(s.predicate()).append('\n'));
        return text.toString().trim();
    }

    private static void assertGolden(String dialect, Map<String, String> actual) throws IOException {
        for (Map.Entry<String, String> entry : actual.entrySet()) {
            Path file = Path.of("src/test/resources/golden", dialect, entry.getKey() + ".sql");
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue() + "\n", StandardCharsets.UTF_8);
            }
            assertThat(entry.getValue()).as("%s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8).stripTrailing());
        }
    }
}
