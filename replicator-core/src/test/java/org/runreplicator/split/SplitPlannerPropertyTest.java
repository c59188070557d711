package org.runreplicator.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.source.TeradataDialect;
import org.runreplicator.testing.SplitCoverage;
import org.runreplicator.testing.TeradataH2Fixture;

/**
 * Every plan covers every row exactly once: random tables (key types, NULLs, duplicates,
 * extreme values), random split counts, sample sizes and filters, over many seeds. A failure
 * names its seed; rerun that seed alone by narrowing the loop.
 */
class SplitPlannerPropertyTest {
    private static final int SEEDS = 40;

    /** A key column type, its extreme values and a random value generator. */
    private record KeyType(String sqlType, List<Object> extremes, Function<Random, Object> random) {
    }

    private static final List<KeyType> KEY_TYPES = List.of(
            new KeyType("BIGINT", List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L), r -> r.nextLong() >> r.nextInt(63)),
            new KeyType("INTEGER", List.of(Integer.MIN_VALUE, Integer.MAX_VALUE), r -> r.nextInt(1000) - 500),
            new KeyType("DECIMAL(38,0)", List.of(new BigDecimal("99999999999999999999999999999999999999"),
                    new BigDecimal("-99999999999999999999999999999999999999")), r -> new BigDecimal(r.nextLong()).multiply(BigDecimal.valueOf(r.nextInt(1_000_000)))),
            new KeyType("DECIMAL(20,6)", List.of(new BigDecimal("99999999999999.999999"), new BigDecimal("-99999999999999.999999")),
                    r -> BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 3)),
            new KeyType("DOUBLE PRECISION", List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0), r -> r.nextGaussian() * 1e6),
            new KeyType("DATE", List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)), r -> LocalDate.of(1990, 1, 1).plusDays(r.nextInt(20_000))),
            new KeyType("TIMESTAMP(6)", List.of(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)),
                    r -> LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(r.nextInt(100_000_000)).plusNanos(r.nextInt(1_000_000) * 1000L)),
            new KeyType("VARCHAR(40)", List.of("", "\uffff\uffff"), r -> Long.toString(r.nextLong(), 36)));

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:property;DB_CLOSE_DELAY=-1", "sa", "");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA \"Prop\"");
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP ALL OBJECTS");
        }
        connection.close();
    }

    @Test
    void everyPlanCoversEveryRowExactlyOnce_forRandomKeysNullsExtremesAndSplitCounts() throws Exception {
        SourceDialect dialect = new H2Dialect();
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            KeyType type = KEY_TYPES.get(seed % KEY_TYPES.size());
            String table = "T" + seed;
            Set<Long> ids = createRandomTable(table, type, random);
            SourceTable described = dialect.describe(connection, new TableRef("prop", table.toLowerCase()));
            String where = random.nextInt(3) == 0 ? "\"ID\" % 3 <> 0" : null;
            Set<Long> expected = new HashSet<>(ids);
            if (where != null) {
                expected.removeIf(id -> id % 3 == 0);
            }
            int splits = 1 + random.nextInt(12);
            SplitPlanner planner = new SplitPlanner(random.nextBoolean() ? 50 : 100_000, random.nextInt(200));
            boolean rangeable = !type.sqlType().startsWith("VARCHAR");
            for (SplitMethod method : SplitMethod.values()) {
                if (method == SplitMethod.PARTITION || (method == SplitMethod.RANGE && !rangeable)) {
                    continue;
                }
                String splitBy = method == SplitMethod.NONE || random.nextInt(4) == 0 ? null : "k";
                if (splitBy == null && method == SplitMethod.RANGE) {
                    splitBy = "ID";
                }
                SplitPlan plan = planner.plan(connection, dialect, described, new SplitRequest(method, splitBy, splits, where));
                assertCovered(dialect, described, plan, where, expected,
                        "seed " + seed + ", " + type.sqlType() + ", " + method + " by " + splitBy + ", " + splits + " splits, where " + where);
            }
        }
    }

    @Test
    void teradataHashPartitionAndRangePlansCoverEveryRowExactlyOnce_onTheH2Fixture() throws Exception {
        SourceDialect dialect = new TeradataDialect();
        try (TeradataH2Fixture teradata = TeradataH2Fixture.open()) {
            for (int seed = 0; seed < SEEDS; seed++) {
                Random random = new Random(seed);
                TeradataH2Fixture.Table orders = TeradataH2Fixture.ordersTable("Sales", "Orders" + seed);
                TeradataH2Fixture.Table events = TeradataH2Fixture.eventsTable("Sales", "Events" + seed);
                teradata.create(orders);
                teradata.create(events);
                Set<Long> orderIds = fillOrders(teradata.connection(), orders, random);
                Set<Long> eventIds = fillEvents(teradata.connection(), events, random);
                String where = random.nextInt(3) == 0 ? "\"ORDER_ID\" > 100" : null;
                Set<Long> expectedOrders = new HashSet<>(orderIds);
                if (where != null) {
                    expectedOrders.removeIf(id -> id <= 100);
                }
                int splits = 1 + random.nextInt(2 * TeradataH2Fixture.AMPS + 4);
                SplitPlanner planner = new SplitPlanner(100_000, random.nextInt(100));
                SourceTable ordersTable = dialect.describe(teradata.connection(), new TableRef("sales", "orders" + seed));
                SourceTable eventsTable = dialect.describe(teradata.connection(), new TableRef("SALES", "EVENTS" + seed));
                String context = "seed " + seed + ", " + splits + " splits, where " + where;
                for (String splitBy : new String[] {null, "CUSTOMER_ID"}) {
                    SplitPlan hash = planner.plan(teradata.connection(), dialect, ordersTable, new SplitRequest(SplitMethod.HASH, splitBy, splits, where));
                    assertCovered(teradata.connection(), dialect, ordersTable, hash, where, "ORDER_ID", expectedOrders, context + ", hash by " + splitBy);
                }
                SplitPlan range = planner.plan(teradata.connection(), dialect, ordersTable, new SplitRequest(SplitMethod.RANGE, "amount", splits, where));
                assertCovered(teradata.connection(), dialect, ordersTable, range, where, "ORDER_ID", expectedOrders, context + ", range");
                SplitPlan auto = planner.plan(teradata.connection(), dialect, ordersTable, new SplitRequest(SplitMethod.AUTO, null, splits, where));
                assertCovered(teradata.connection(), dialect, ordersTable, auto, where, "ORDER_ID", expectedOrders, context + ", auto");
                SplitPlan partition = planner.plan(teradata.connection(), dialect, eventsTable, new SplitRequest(SplitMethod.PARTITION, null, splits, null));
                assertCovered(teradata.connection(), dialect, eventsTable, partition, null, "EVENT_ID", eventIds, context + ", partition");
            }
        }
    }

    private void assertCovered(SourceDialect dialect, SourceTable table, SplitPlan plan, String where, Set<Long> expected, String context)
            throws SQLException {
        assertCovered(connection, dialect, table, plan, where, "ID", expected, context);
    }

    private static void assertCovered(Connection connection, SourceDialect dialect, SourceTable table, SplitPlan plan, String where,
                                      String idColumn, Set<Long> expected, String context) throws SQLException {
        SplitCoverage coverage = SplitCoverage.of(connection, dialect, table, plan, where, idColumn);
        String description = context + ": " + plan.splits();
        assertThat(coverage.sumOfSplitCounts()).as(description).isEqualTo(coverage.total()).isEqualTo(expected.size());
        assertThat(coverage.idsRead()).as(description).doesNotHaveDuplicates().hasSize(expected.size());
        assertThat(coverage.distinctIdsRead()).as(description).isEqualTo(expected);
        assertThat(plan.method()).as(description).isNotEqualTo(SplitMethod.AUTO);
    }

    private Set<Long> createRandomTable(String table, KeyType type, Random random) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE \"Prop\".\"" + table + "\" (ID BIGINT PRIMARY KEY, K " + type.sqlType() + ", PAD VARCHAR(10))");
        }
        int rows = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(1500);
        double nulls = random.nextBoolean() ? 0 : random.nextDouble() * 0.3;
        boolean fewDistinct = random.nextInt(3) == 0;
        List<Object> pool = IntStream.range(0, 3).mapToObj(i -> type.random().apply(random)).toList();
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO \"Prop\".\"" + table + "\" VALUES (?, ?, 'x')")) {
            for (int i = 0; i < rows; i++) {
                long id = random.nextInt(3) == 0 ? i : -i - 1L;
                Object key = random.nextDouble() < nulls ? null
                        : random.nextInt(20) == 0 ? type.extremes().get(random.nextInt(type.extremes().size()))
                        : fewDistinct ? pool.get(random.nextInt(pool.size()))
                        : type.random().apply(random);
                ps.setLong(1, id);
                ps.setObject(2, key);
                ps.addBatch();
                ids.add(id);
            }
            ps.executeBatch();
        }
        return ids;
    }

    private static Set<Long> fillOrders(Connection connection, TeradataH2Fixture.Table table, Random random) throws SQLException {
        Set<Long> ids = new HashSet<>();
        int rows = random.nextInt(800);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TeradataH2Fixture.qualified(table)
                + " (" + TeradataH2Fixture.columnList(table) + ") VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                long id = random.nextInt(5) == 0 ? Long.MAX_VALUE - i : random.nextInt(5) == 0 ? Long.MIN_VALUE + i : i * 7L;
                if (!ids.add(id)) {
                    continue;
                }
                ps.setLong(1, id);
                ps.setObject(2, random.nextInt(4) == 0 ? null : random.nextInt(50));
                ps.setObject(3, random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                ps.setObject(4, LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1000)));
                ps.setString(5, "note " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }

    private static Set<Long> fillEvents(Connection connection, TeradataH2Fixture.Table table, Random random) throws SQLException {
        Set<Long> ids = new HashSet<>();
        int rows = random.nextInt(800);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TeradataH2Fixture.qualified(table)
                + " (" + TeradataH2Fixture.columnList(table) + ") VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                // Most events in a few recent months: partitions of very different sizes.
                LocalDate day = random.nextInt(4) == 0 ? LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1400)) : LocalDate.of(2023, 6, 1).plusDays(random.nextInt(60));
                ps.setInt(1, i);
                ps.setObject(2, day);
                ps.setObject(3, day.atTime(12, 0));
                ps.setString(4, "kind");
                ps.addBatch();
                ids.add((long) i);
            }
            ps.executeBatch();
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + TeradataH2Fixture.qualified(table))) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(ids.size());
        }
        return ids;
    }
}
