package org.runreplicator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.split.SplitPlan;
import org.runreplicator.split.SplitPlanner;
import org.runreplicator.split.SplitRequest;
import org.runreplicator.testing.PostgresServer;
import org.runreplicator.testing.SplitCoverage;

@ExtendWith(PostgresServer.Extension.class)
class PostgresDialectIT {
    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static String database;
    private static Set<Long> ids;

    @BeforeAll
    static void createTables(PostgresServer server) throws SQLException {
        database = server.createDatabase("dialect");
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA sales");
            st.execute("CREATE TABLE sales.orders (order_id bigserial PRIMARY KEY, customer text, amount numeric(18,2),"
                    + " placed timestamptz, day date, \"VA%UE\" integer)");
            st.execute("CREATE TABLE sales.\"MixedCase\" (id integer)");
            st.execute("INSERT INTO sales.orders (customer, amount, placed, day, \"VA%UE\")"
                    + " SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE 'c' || (g % 37) END, g * 1.5, now() - g * interval '1 minute',"
                    + " CASE WHEN g % 7 = 0 THEN NULL ELSE date '2024-01-01' + (g % 400) END, g FROM generate_series(1, 5000) g");
            st.execute("INSERT INTO sales.orders (order_id, customer) VALUES (9223372036854775807, 'max'), (-9223372036854775808, 'min')");
        }
        ids = new HashSet<>();
        try (Connection c = server.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT order_id FROM sales.orders")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
    }

    @Test
    void describeFindsTheRealSpelling_withPostgresTypeNamesAndThePrimaryKey(PostgresServer server) throws SQLException {
        try (Connection c = server.connect(database)) {
            SourceTable orders = DIALECT.describe(c, new TableRef("SALES", "Orders"));
            assertThat(orders.ref()).isEqualTo(new TableRef("sales", "orders"));
            assertThat(orders.columns()).extracting(SourceColumn::name)
                    .containsExactly("order_id", "customer", "amount", "placed", "day", "VA%UE");
            assertThat(orders.columns()).extracting(SourceColumn::typeName).containsExactly("INT8", "TEXT", "NUMERIC", "TIMESTAMPTZ", "DATE", "INT4");
            SourceColumn amount = orders.column("amount").orElseThrow();
            assertThat(amount.jdbcType()).isEqualTo(Types.NUMERIC);
            assertThat(amount.precision()).isEqualTo(18);
            assertThat(amount.scale()).isEqualTo(2);
            assertThat(orders.keyColumns()).containsExactly("order_id");
            assertThat(orders.column("order_id").orElseThrow().nullable()).isFalse();

            assertThat(DIALECT.describe(c, new TableRef("sales", "mixedcase")).ref().table()).isEqualTo("MixedCase");
        }
    }

    @Test
    void describeOfAMissingTableIsASourceErrorNamingTableAndUser(PostgresServer server) throws SQLException {
        try (Connection c = server.connect(database)) {
            assertThatThrownBy(() -> DIALECT.describe(c, new TableRef("sales", "nothing")))
                    .isInstanceOf(ReplicatorException.class)
                    .hasMessage("Cannot read table sales.nothing: it does not exist or is not visible to user " + server.user())
                    .extracting(e -> ((ReplicatorException) e).kind()).isEqualTo(FailureKind.SOURCE);
        }
    }

    @Test
    void hashAndRangePlansCoverEveryRowExactlyOnce(PostgresServer server) throws SQLException {
        try (Connection c = server.connect(database)) {
            SourceTable orders = DIALECT.describe(c, new TableRef("sales", "orders"));
            SplitPlanner planner = new SplitPlanner(500, 0);
            for (SplitMethod method : new SplitMethod[] {SplitMethod.HASH, SplitMethod.RANGE, SplitMethod.AUTO}) {
                for (String splitBy : new String[] {null, "day", "placed", "customer"}) {
                    if (method == SplitMethod.RANGE && ("placed".equals(splitBy) || "customer".equals(splitBy))) {
                        continue;
                    }
                    SplitPlan plan = planner.plan(c, DIALECT, orders, new SplitRequest(method, splitBy, 7, null));
                    SplitCoverage coverage = SplitCoverage.of(c, DIALECT, orders, plan, null, "order_id");
                    String context = method + " by " + splitBy + ": " + plan.splits();
                    assertThat(coverage.sumOfSplitCounts()).as(context).isEqualTo(ids.size());
                    assertThat(coverage.idsRead()).as(context).doesNotHaveDuplicates();
                    assertThat(coverage.distinctIdsRead()).as(context).isEqualTo(ids);
                }
            }
        }
    }

    @Test
    void theSampleQueryUsesTablesampleAndReturnsAboutTheAskedNumberOfValues(PostgresServer server) throws SQLException {
        try (Connection c = server.connect(database)) {
            SourceTable orders = DIALECT.describe(c, new TableRef("sales", "orders"));
            String sql = DIALECT.sampleSql(orders, "order_id", 1000, 5002, null);
            assertThat(sql).contains("TABLESAMPLE BERNOULLI (19.99200320)");
            int values = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    values++;
                }
            }
            assertThat(values).isBetween(700, 1300);
        }
    }

    @Test
    void countAndSelectInOneReadTransactionSeeTheSameSnapshot_whileAnotherSessionInserts(PostgresServer server) throws SQLException {
        try (Connection reader = server.connect(database); Connection writer = server.connect(database)) {
            SourceTable orders = DIALECT.describe(reader, new TableRef("sales", "orders"));
            DIALECT.prepareForRead(reader);
            assertThat(reader.isReadOnly()).isTrue();
            assertThat(reader.getAutoCommit()).isFalse();
            long counted;
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery(DIALECT.countSql(orders, null, null))) {
                rs.next();
                counted = rs.getLong(1);
            }
            try (Statement st = writer.createStatement()) {
                st.executeUpdate("INSERT INTO sales.orders (customer) VALUES ('late')");
            }
            long read = 0;
            try (PreparedStatement ps = DIALECT.streamingStatement(reader, DIALECT.selectSql(orders, null, null), 100);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                }
            }
            reader.commit();
            assertThat(read).isEqualTo(counted);
            try (Statement st = writer.createStatement()) {
                st.executeUpdate("DELETE FROM sales.orders WHERE customer = 'late'");
            }
        }
    }

    @Test
    void aWrongPasswordIsARealAuthFailure_andNotTransient(PostgresServer server) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(database), server.user(), "wrong").close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(DIALECT.isTransient(e)).isFalse();
                });
    }

    /** Refused is class 08 with a socket cause: transient, since a restarting server refuses too; retries are bounded. */
    @Test
    void aRefusedConnectionIsTransient(PostgresServer server) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Properties props = DIALECT.defaultConnectionProperties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/x", props).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).startsWith("08");
                    assertThat(DIALECT.isTransient(e)).isTrue();
                    assertThat(e.getMessage()).doesNotContain(server.password());
                });
    }
}
