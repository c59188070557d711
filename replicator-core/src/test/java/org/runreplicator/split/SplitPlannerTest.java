package org.runreplicator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.source.TeradataDialect;
import org.runreplicator.testing.TeradataH2Fixture;

class SplitPlannerTest {
    private final H2Dialect h2 = new H2Dialect();
    private Connection connection;
    private SourceTable orders;
    private SourceTable notes;

    @BeforeEach
    void createTables() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:planner;DB_CLOSE_DELAY=-1", "sa", "");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA SHOP");
            st.execute("CREATE TABLE SHOP.ORDERS (ID BIGINT PRIMARY KEY, NOTE VARCHAR(20), ORDER_DAY DATE)");
            st.execute("INSERT INTO SHOP.ORDERS SELECT X, 'n' || X, DATEADD(DAY, X, DATE '2024-01-01') FROM SYSTEM_RANGE(1, 1000)");
            st.execute("CREATE TABLE SHOP.NOTES (CODE VARCHAR(10) PRIMARY KEY)");
            st.execute("INSERT INTO SHOP.NOTES SELECT 'c' || X FROM SYSTEM_RANGE(1, 1000)");
        }
        orders = h2.describe(connection, new TableRef("shop", "orders"));
        notes = h2.describe(connection, new TableRef("shop", "notes"));
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP ALL OBJECTS");
        }
        connection.close();
    }

    private SplitPlan plan(SourceTable table, SplitMethod method, String splitBy, int splits) {
        return new SplitPlanner(30_000, 100).plan(connection, h2, table, new SplitRequest(method, splitBy, splits, null));
    }

    private static void assertUsageError(Runnable planning, String message) {
        assertThatThrownBy(planning::run).isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
                .hasMessageContaining(message);
    }

    @Test
    void anExplicitSplitColumn_isUsedEvenOnASmallTable_rangeOrHashByItsType() {
        SplitPlanner smallTablesReadWhole = new SplitPlanner(30_000, 1_000_000);

        SplitPlan byDay = smallTablesReadWhole.plan(connection, h2, orders, new SplitRequest(SplitMethod.AUTO, "order_day", 4, null));
        SplitPlan byNote = smallTablesReadWhole.plan(connection, h2, orders, new SplitRequest(SplitMethod.AUTO, "note", 4, null));

        assertThat(byDay.method()).isEqualTo(SplitMethod.RANGE);
        assertThat(byDay.columns()).containsExactly("ORDER_DAY");
        assertThat(byNote.method()).isEqualTo(SplitMethod.HASH);
        assertThat(smallTablesReadWhole.plan(connection, h2, orders, new SplitRequest(SplitMethod.AUTO, null, 4, null)).method())
                .isEqualTo(SplitMethod.NONE);
    }

    @Test
    void neverMoreSplitsThanRows() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DELETE FROM SHOP.ORDERS WHERE ID > 3");
        }

        SplitPlan plan = plan(orders, SplitMethod.HASH, "id", 50);

        assertThat(plan.splits()).hasSizeLessThanOrEqualTo(3);
        assertThat(plan.splits().stream().mapToLong(Split::estimatedRows).sum()).isEqualTo(3);
    }

    @Test
    void autoPicksRangeOnANumericKey_hashOnATextKey_andNoneForSmallTables() {
        assertThat(plan(orders, SplitMethod.AUTO, null, 4).method()).isEqualTo(SplitMethod.RANGE);
        assertThat(plan(orders, SplitMethod.AUTO, null, 4).columns()).containsExactly("ID");
        assertThat(plan(notes, SplitMethod.AUTO, null, 4).method()).isEqualTo(SplitMethod.HASH);
        assertThat(new SplitPlanner(30_000, 1001).plan(connection, h2, orders, new SplitRequest(SplitMethod.AUTO, null, 4, null)).method())
                .isEqualTo(SplitMethod.NONE);
        assertThat(plan(orders, SplitMethod.RANGE, null, 1).splits()).singleElement().extracting(Split::predicate).isNull();
    }

    @Test
    void rangeSplitsOnADateColumnUseTypedLiterals_andEstimateRowsFromTheSample() {
        SplitPlan plan = plan(orders, SplitMethod.RANGE, "order_day", 4);
        assertThat(plan.splits()).extracting(Split::predicate).containsExactly(
                "\"ORDER_DAY\" < DATE '2024-09-08'",
                "\"ORDER_DAY\" >= DATE '2024-09-08' AND \"ORDER_DAY\" < DATE '2025-05-16'",
                "\"ORDER_DAY\" >= DATE '2025-05-16' AND \"ORDER_DAY\" < DATE '2026-01-21'",
                "\"ORDER_DAY\" >= DATE '2026-01-21'");
        assertThat(plan.splits()).extracting(Split::estimatedRows).containsExactly(250L, 250L, 250L, 250L);
    }

    @Test
    void impossibleRequestsAreUsageErrorsSayingWhy() {
        assertUsageError(() -> plan(orders, SplitMethod.RANGE, "id; DROP TABLE x", 4), "Invalid split column name");
        assertUsageError(() -> plan(orders, SplitMethod.HASH, "missing", 4), "Cannot split table SHOP.ORDERS by column missing: it has no such column (columns: ID, NOTE, ORDER_DAY)");
        assertUsageError(() -> plan(orders, SplitMethod.RANGE, "note", 4), "Cannot range-split table SHOP.ORDERS on column NOTE of type CHARACTER VARYING");
        assertUsageError(() -> plan(notes, SplitMethod.RANGE, null, 4), "on column CODE of type CHARACTER VARYING");
        assertUsageError(() -> plan(orders, SplitMethod.PARTITION, null, 4), "Cannot split table SHOP.ORDERS by partition");
        assertUsageError(() -> plan(orders, SplitMethod.HASH, null, 0), "Invalid --splits 0");
    }

    @Test
    void hashWithoutAKeyOrSplitColumnIsAUsageError() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE SHOP.HEAP (V INTEGER)");
        }
        SourceTable heap = h2.describe(connection, new TableRef("shop", "heap"));
        assertUsageError(() -> plan(heap, SplitMethod.HASH, null, 4), "it has no primary key or primary index; name a column with --split-by");
        assertUsageError(() -> plan(heap, SplitMethod.RANGE, null, 4), "it has no key; name a numeric, date or timestamp column with --split-by");
        assertThat(plan(heap, SplitMethod.AUTO, null, 4).method()).isEqualTo(SplitMethod.NONE);
    }

    @Test
    void teradataAutoHashesOnThePrimaryIndex_andPartitionSplitsNeedAPpi() throws SQLException {
        TeradataDialect teradata = new TeradataDialect();
        try (TeradataH2Fixture fixture = TeradataH2Fixture.open()) {
            TeradataH2Fixture.Table orders = TeradataH2Fixture.ordersTable("Sales", "Orders");
            fixture.create(orders);
            try (Statement st = fixture.connection().createStatement()) {
                st.execute("INSERT INTO " + TeradataH2Fixture.qualified(orders) + " (ORDER_ID) SELECT X FROM SYSTEM_RANGE(1, 500)");
            }
            SourceTable table = teradata.describe(fixture.connection(), new TableRef("sales", "orders"));
            SplitPlanner planner = new SplitPlanner(30_000, 10);
            SplitPlan auto = planner.plan(fixture.connection(), teradata, table, new SplitRequest(SplitMethod.AUTO, null, 4, null));
            assertThat(auto.method()).isEqualTo(SplitMethod.HASH);
            assertThat(auto.columns()).containsExactly("ORDER_ID");
            assertThat(auto.splits()).hasSize(4).allSatisfy(s -> assertThat(s.predicate()).startsWith("HASHAMP(HASHBUCKET(HASHROW(\"ORDER_ID\")))"));
            assertThatThrownBy(() -> planner.plan(fixture.connection(), teradata, table, new SplitRequest(SplitMethod.PARTITION, null, 4, null)))
                    .hasMessage("Cannot split table Sales.Orders by partition: it has no partitioned primary index; use --split-method hash or range");
        }
    }
}
