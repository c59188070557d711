package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code replicator notify}'s argument checks: exit 2 and one line, before anything is contacted. */
class NotifyUsageTest {
    private static final String TOPIC = "projects/etl-prod/topics/onprem-runs";
    // An address nothing listens on: a usage error must be reported before any connection is tried.
    private static final Map<String, String> ENV = Map.of("PUBSUB_EMULATOR_HOST", "127.0.0.1:1");

    private static void assertUsage(String expectedLine, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "notify";
        System.arraycopy(args, 0, argv, 1, args.length);

        Cli result = Cli.run(ENV, argv);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("replicator: " + expectedLine);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void requiresTheTimestampAndTheTopic() {
        assertUsage("replicator notify needs --td-timestamp", "sales", "orders", "--topic", TOPIC);
        assertUsage("replicator notify needs --topic", "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z");
    }

    @Test
    void refusesWhatTheTriggerWouldRefuse() {
        assertUsage("Cannot notify: dbName 'sales db' is not a Teradata identifier (ASCII letters, digits, _ $ #, at most 128,"
                + " not starting with a digit)", "sales db", "orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", TOPIC);
        assertUsage("Cannot notify: tableName '1orders' is not a Teradata identifier (ASCII letters, digits, _ $ #, at most 128,"
                + " not starting with a digit)", "sales", "1orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", TOPIC);
        assertUsage("Cannot notify: status RUNNING is not the end of a run: expected SUCCEEDED or FAILED",
                "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", TOPIC, "--status", "RUNNING");
        assertUsage("Invalid --status 'DONE': expected SUCCEEDED or FAILED",
                "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", TOPIC, "--status", "DONE");
    }

    @Test
    void checksTheTopicTimestampAndTimeout() {
        assertUsage("Invalid --topic 'onprem-runs': expected projects/PROJECT/topics/TOPIC",
                "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", "onprem-runs");
        assertUsage("Invalid --topic 'projects/etl-prod/topics/goog-runs': expected projects/PROJECT/topics/TOPIC",
                "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", "projects/etl-prod/topics/goog-runs");
        assertUsage("Invalid --td-timestamp 'yesterday': expected ISO-8601 such as 2024-05-01T02:30:00Z, 2024-05-01T04:30:00+02:00"
                + " or 2024-05-01T02:30:00 (UTC)", "sales", "orders", "--td-timestamp", "yesterday", "--topic", TOPIC);
        assertUsage("Invalid --timeout '5s': at least 10s, the shortest the Pub/Sub client accepts",
                "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", TOPIC, "--timeout", "5s");
    }

    @Test
    void takesItsOptionsFromTheEnvironmentToo() {
        Cli result = Cli.run(Map.of("PUBSUB_EMULATOR_HOST", "127.0.0.1:1", "REPLICATOR_TOPIC", "not-a-topic"),
                "notify", "sales", "orders", "--td-timestamp", "2024-05-01T02:00:00Z");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("replicator: Invalid --topic 'not-a-topic': expected projects/PROJECT/topics/TOPIC");
    }
}
