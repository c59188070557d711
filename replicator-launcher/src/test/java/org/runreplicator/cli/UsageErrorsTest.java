package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UsageErrorsTest {

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("unknown option", Cli.copyArgs("run", "db", "t", "--bogus", "1"), "Unknown option --bogus"),
                Arguments.of("missing --source-url", new String[] {"run", "db", "t", "--target", "file:///data/out"}, "Missing --source-url"),
                Arguments.of("missing --target", new String[] {"run", "db", "t", "--source-url", "jdbc:h2:mem:x"}, "Missing --target"),
                Arguments.of("missing TABLE", new String[] {"run", "db"}, "TABLE"),
                Arguments.of("no subcommand", new String[] {}, "subcommand"),
                Arguments.of("partition without '='", Cli.copyArgs("run", "db", "t", "--partition", "nonsense"), "Invalid partition 'nonsense'"),
                Arguments.of("partition value with '/'", Cli.copyArgs("run", "db", "t", "--partition", "ds=a/b"), "Invalid partition value 'a/b'"),
                Arguments.of("ds not a real date", Cli.copyArgs("run", "db", "t", "--partition", "ds=2024-13-45"), "Invalid partition value '2024-13-45' for key ds: expected a real date"),
                Arguments.of("ds on the 30th of February", Cli.copyArgs("run", "db", "t", "--partition", "ds=2024-02-30"), "expected a real date"),
                Arguments.of("partition value with ':'", Cli.copyArgs("run", "db", "t", "--partition", "hour=2024-05-01T02:00"), "Invalid partition value '2024-05-01T02:00'"),
                Arguments.of("splits not a number", Cli.copyArgs("run", "db", "t", "--splits", "abc"), "--splits"),
                Arguments.of("splits zero", Cli.copyArgs("run", "db", "t", "--splits", "0"), "Invalid --splits 0"),
                Arguments.of("engine unknown", Cli.copyArgs("run", "db", "t", "--engine", "spark"), "Invalid --engine 'spark'"),
                Arguments.of("schema change policy", Cli.copyArgs("run", "db", "t", "--schema-change", "sometimes"),
                        "Invalid --schema-change 'sometimes': expected fail or evolve"),
                Arguments.of("metastore malformed", Cli.copyArgs("run", "db", "t", "--metastore", "hms:9083"), "Invalid --metastore 'hms:9083'"),
                Arguments.of("ledger malformed", Cli.copyArgs("run", "db", "t", "--ledger", "ledger.csv"), "Invalid --ledger"),
                Arguments.of("bigquery ledger name", Cli.copyArgs("run", "db", "t", "--ledger", "bigquery:ops.ledger"), "PROJECT.DATASET.TABLE"),
                Arguments.of("ledger table for bigquery", Cli.copyArgs("run", "db", "t", "--ledger", "bigquery:my-project.ops.ledger",
                        "--ledger-table", "x"), "apply to jdbc: and embedded ledgers only"),
                Arguments.of("ledger table name", Cli.copyArgs("run", "db", "t", "--ledger", "embedded", "--ledger-table", "a;b"),
                        "Invalid --ledger-table 'a;b'"),
                Arguments.of("ledger password env unset", Cli.copyArgs("run", "db", "t", "--ledger", "jdbc:postgresql://db/ops",
                        "--ledger-password-env", "NO_SUCH_VAR_XYZ"), "Cannot read the ledger password: environment variable NO_SUCH_VAR_XYZ"),
                Arguments.of("ledger command without ledger", new String[] {"ledger", "db", "t", "--ledger", "none"}, "needs a ledger"),
                Arguments.of("table with SQL", Cli.copyArgs("run", "db", "x; DROP TABLE y"), "Invalid table name 'x; DROP TABLE y'"),
                Arguments.of("table with quotes", Cli.copyArgs("plan", "db", "ab\"c"), "Invalid table name 'ab\"c'"),
                Arguments.of("database with quote", Cli.copyArgs("plan", "o'brien", "t"), "Invalid database name 'o'brien'"),
                Arguments.of("split column with SQL", Cli.copyArgs("run", "db", "t", "--split-by", "id) OR (1=1"), "Invalid --split-by column name"),
                Arguments.of("split method", Cli.copyArgs("run", "db", "t", "--split-method", "diagonal"), "Invalid split method 'diagonal'"),
                Arguments.of("td-timestamp", Cli.copyArgs("run", "db", "t", "--td-timestamp", "yesterday"), "Invalid --td-timestamp 'yesterday'"),
                Arguments.of("compression", Cli.copyArgs("run", "db", "t", "--compression", "lz4"), "Invalid compression 'lz4'"),
                Arguments.of("dictionary", Cli.copyArgs("run", "db", "t", "--dictionary", "some"), "Invalid dictionary setting 'some'"),
                Arguments.of("file size", Cli.copyArgs("run", "db", "t", "--target-file-size", "big"), "Invalid --target-file-size 'big'"),
                Arguments.of("row group size over 2g", Cli.copyArgs("run", "db", "t", "--row-group-size", "3g"), "must be below 2g"),
                Arguments.of("target without scheme", new String[] {"run", "db", "t", "--source-url", "jdbc:h2:mem:x", "--target", "relative/out"}, "Invalid --target 'relative/out'"),
                Arguments.of("source url not JDBC", new String[] {"run", "db", "t", "--target", "file:///out", "--source-url", "teradata://host"}, "Invalid --source-url"),
                Arguments.of("password in source url", new String[] {"run", "db", "t", "--target", "file:///out", "--source-url", "jdbc:teradata://host/USER=u,PASSWORD=p"}, "carries a password"),
                Arguments.of("progress interval", Cli.copyArgs("run", "db", "t", "--progress-interval", "0"), "Invalid --progress-interval 0"),
                Arguments.of("environment", Cli.copyArgs("run", "db", "t", "--environment", "on prem"), "Invalid --environment"),
                Arguments.of("map-column column", Cli.copyArgs("run", "db", "t", "--map-column", "a b=STRING"), "Invalid --map-column column name"),
                Arguments.of("wait-for-lock", Cli.copyArgs("run", "db", "t", "--wait-for-lock", "a while"), "Invalid --wait-for-lock 'a while'"),
                Arguments.of("target store without atomic create", new String[] {"run", "db", "t", "--source-url", "jdbc:h2:mem:x", "--target", "s3a://bucket/out"}, "s3a:// is not a store"),
                Arguments.of("clean without --target", new String[] {"clean", "db", "t"}, "Missing --target"),
                Arguments.of("demo rows", new String[] {"demo", "--rows", "0"}, "Invalid --rows 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void exitsWithStatus2AndOneStderrLine(String what, String[] args, String expectedMessage) {
        Cli result = Cli.run(args);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        if (args.length > 0 && args[0].equals("run")) {
            result.assertRunFailureSummary();
        } else {
            assertThat(result.out()).isEmpty();
        }
        assertThat(result.errLines().get(0)).startsWith("replicator: ").contains(expectedMessage);
    }

    @Test
    void failureAfterOptionsAreResolvedIsStillOneLine_withANonUsageStatus() {
        Cli result = Cli.run(Cli.copyArgs("plan", "db", "missing_table"));

        assertThat(result.exitCode()).isNotIn(0, 2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString().startsWith("replicator: ").contains("db.missing_table");
    }

    @Test
    void passwordOptionIsRefusedWithoutEchoingItsValue() {
        Cli separate = Cli.run(Cli.copyArgs("run", "db", "t", "--source-password", "Tr0ub4dor"));
        Cli attached = Cli.run(Cli.copyArgs("run", "db", "t", "--source-password=Tr0ub4dor"));

        for (Cli result : new Cli[] {separate, attached}) {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).singleElement().asString()
                    .contains("a password is never accepted on the command line")
                    .doesNotContain("Tr0ub4dor");
        }
    }

    @Test
    void helpExitsZeroAndListsTheCommands() {
        Cli result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Usage: replicator", "run", "plan", "demo", "ledger");
    }

    @Test
    void runHelpExitsZeroAndListsEveryOption() {
        Cli result = Cli.run("run", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--source-url", "--source-user", "--source-password-file", "--source-password-env",
                "--target", "--partition", "--td-timestamp", "--split-method", "--split-by", "--splits", "--max-connections",
                "--fetch-size", "--where", "--engine", "--metastore", "--schema-change", "--parquet-flavor", "--ledger", "--ledger-table", "--ledger-user",
                "--ledger-password-file", "--ledger-password-env", "--ledger-create", "--ledger-optional", "--job-id", "--environment", "--compression",
                "--map-column", "--trim-char", "--target-file-size", "--row-group-size", "--dictionary", "--max-attempts",
                "--connection-property", "--progress-interval", "--config", "-D", "--verbose",
                "taken as UTC", "Number of splits (default: 4)");
        assertThat(result.out()).doesNotContainPattern("--source-password[^-]");
    }
}
