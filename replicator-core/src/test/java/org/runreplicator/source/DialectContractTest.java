package org.runreplicator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/** What every dialect promises, run against each, plus the dialect-specific rules around it. */
class DialectContractTest {
    static Stream<SourceDialect> dialects() {
        return Stream.of(new H2Dialect(), new PostgresDialect(), new TeradataDialect());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void quotingWrapsTheNameAndDoublesEmbeddedQuotes_forAwkwardNames(SourceDialect dialect) {
        assertThat(dialect.quote("VA%UE")).isEqualTo("\"VA%UE\"");
        assertThat(dialect.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(dialect.quote("\"")).isEqualTo("\"\"\"\"");
        assertThat(dialect.quote("two words")).isEqualTo("\"two words\"");
        assertThat(dialect.quote("SELECT")).isEqualTo("\"SELECT\"");
        assertThat(dialect.qualified(new TableRef("Sales", "ORDER_$#"))).isEqualTo("\"Sales\".\"ORDER_$#\"");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void dialectsAreFoundByTheirUrlScheme_inAnyCase(SourceDialect dialect) {
        String url = "JDBC:" + dialect.name().toUpperCase() + "://host/db";
        assertThat(Dialects.forUrl(url).name()).isEqualTo(dialect.name());
    }

    @Test
    void anUnknownUrlIsAUsageErrorNamingOnlyItsScheme() {
        assertThatThrownBy(() -> Dialects.forUrl("jdbc:mysql://admin:s3cret@db.example:3306/sales"))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.USAGE);
                    assertThat(e.getMessage()).contains("'jdbc:mysql:'").doesNotContain("s3cret").doesNotContain("admin");
                });
        assertThatThrownBy(() -> Dialects.forUrl("admin:s3cret"))
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Dialects.forUrl(null)).isInstanceOf(ReplicatorException.class);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void connectionSerializationAndSocketFailuresAreTransient_butAuthAndSqlErrorsAreNot(SourceDialect dialect) {
        assertThat(dialect.isTransient(new SQLTransientConnectionException("lost", "08006"))).isTrue();
        assertThat(dialect.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(dialect.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(dialect.isTransient(new SQLException("I/O error", "HY000", new ConnectException("Connection refused")))).isTrue();
        assertThat(dialect.isTransient(new SQLException("Connection reset by peer"))).isTrue();
        assertThat(dialect.isTransient(new SQLException("password authentication failed", "28P01"))).isFalse();
        assertThat(dialect.isTransient(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(dialect.isTransient(new SQLException("syntax error", "42601"))).isFalse();
        SQLException chained = new SQLException("batch failed", "HY000");
        chained.setNextException(new SQLException("serialization failure", "40001"));
        assertThat(dialect.isTransient(chained)).isTrue();
    }

    @Test
    void teradataDeadlockAndConcurrentChangeCodesAreTransient_butLogonFailuresAreNot() {
        TeradataDialect teradata = new TeradataDialect();
        assertThat(teradata.isTransient(new SQLException("Transaction ABORTed due to deadlock", "40001", 2631))).isTrue();
        assertThat(teradata.isTransient(new SQLException("Concurrent change conflict on database", "HY000", 3598))).isTrue();
        assertThat(teradata.isTransient(new SQLException("The UserId, Password or Account is invalid", "28000", 8017))).isFalse();
        assertThat(new PostgresDialect().isTransient(new SQLException("code only Teradata knows", "HY000", 2631))).isFalse();
    }

    @Test
    void teradataReadsLargeSplitsThroughFastExportFirst_thenTheRegularSession() {
        TeradataDialect teradata = new TeradataDialect();
        long large = TeradataDialect.FASTEXPORT_MIN_ROWS;
        assertThat(teradata.readUrls("jdbc:teradata://tdprod/DATABASE=sales,CHARSET=UTF8", large))
                .containsExactly("jdbc:teradata://tdprod/DATABASE=sales,CHARSET=UTF8,TYPE=FASTEXPORT", "jdbc:teradata://tdprod/DATABASE=sales,CHARSET=UTF8");
        assertThat(teradata.readUrls("jdbc:teradata://tdprod", large)).containsExactly("jdbc:teradata://tdprod/TYPE=FASTEXPORT", "jdbc:teradata://tdprod");
        assertThat(teradata.readUrls("jdbc:teradata://tdprod/", large)).containsExactly("jdbc:teradata://tdprod/TYPE=FASTEXPORT", "jdbc:teradata://tdprod/");
        assertThat(teradata.readUrls("jdbc:teradata://tdprod/type=DEFAULT", large)).containsExactly("jdbc:teradata://tdprod/type=DEFAULT");
        assertThat(teradata.readUrls("jdbc:teradata://tdprod/CHARSET=UTF8", large - 1)).containsExactly("jdbc:teradata://tdprod/CHARSET=UTF8");
        assertThat(new PostgresDialect().readUrls("jdbc:postgresql://db/x", Long.MAX_VALUE)).containsExactly("jdbc:postgresql://db/x");
    }

    @Test
    void aFailedFastExportFallsBackToTheRegularSession_unlessTheRegularSessionWouldFailTheSameWay() {
        TeradataDialect teradata = new TeradataDialect();
        assertThat(teradata.fallsBackToSession(new SQLException("Too many load/unload tasks", "HY000", 2633))).isTrue();
        assertThat(teradata.fallsBackToSession(new SQLException("The UserId, Password or Account is invalid", "HY000", 8017))).isFalse();
        assertThat(teradata.fallsBackToSession(new SQLException("Object 'sales.x' does not exist", "42S02", 3807))).isFalse();
        assertThat(new H2Dialect().fallsBackToSession(new SQLException("anything"))).isFalse();
    }

    @Test
    void defaultsArePinned() {
        assertThat(new PostgresDialect().defaultConnectionProperties()).containsEntry("connectTimeout", "10")
                .containsEntry("loginTimeout", "30").containsEntry("socketTimeout", "3600").containsEntry("tcpKeepAlive", "true");
        assertThat(new H2Dialect().defaultConnectionProperties()).isEmpty();
        assertThat(new TeradataDialect().defaultConnectionProperties()).isEmpty();
        assertThat(TeradataDialect.FASTEXPORT_MIN_ROWS).isEqualTo(500_000);
        assertThat(List.of(new TeradataDialect().prefersHashSplits(), new PostgresDialect().prefersHashSplits(), new H2Dialect().prefersHashSplits()))
                .containsExactly(true, false, false);
    }
}
