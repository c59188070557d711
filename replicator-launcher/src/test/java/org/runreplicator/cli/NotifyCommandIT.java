package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.pubsub.v1.ReceivedMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.runreplicator.testing.PubSubEmulator;

/**
 * {@code replicator notify} against pstest (the Pub/Sub fake of cloud.google.com/go/pubsub/v2) through
 * the real Java client: in this JVM, and from the shaded job jar alone, without Hadoop, as on an
 * on-prem edge node. Each test reads what arrived back through its own subscription.
 */
class NotifyCommandIT {
    private static final String PROJECT = "replicator-test";
    private static final String EVENT = "{\"dbName\":\"dev1_groupondw\",\"tableName\":\"ref_attr_class_dev\","
            + "\"td_timestamp\":\"2024-05-01T02:00:00Z\",\"status\":\"SUCCEEDED\",\"environment\":\"ONPREM\"}";
    private static final Map<String, String> ATTRIBUTES = Map.of("dbName", "dev1_groupondw", "tableName", "ref_attr_class_dev",
            "td_timestamp", "2024-05-01T02:00:00Z", "status", "SUCCEEDED", "environment", "ONPREM");

    private static PubSubEmulator pubSub;

    @BeforeAll
    static void start() throws Exception {
        pubSub = new PubSubEmulator();
    }

    @AfterAll
    static void stop() throws Exception {
        pubSub.close();
    }

    private static String topic(String name) throws IOException {
        pubSub.createTopicWithSubscription(PROJECT, name, name + "-sub");
        return "projects/" + PROJECT + "/topics/" + name;
    }

    @Test
    void publishesTheEventWithItsAttributes_andPrintsTheMessageId() throws Exception {
        String topic = topic("onprem-runs");

        Cli result = Cli.run(Map.of("PUBSUB_EMULATOR_HOST", pubSub.host()), "notify", "dev1_groupondw", "ref_attr_class_dev",
                "--td-timestamp", "2024-05-01T04:00:00+02:00", "--topic", topic);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<ReceivedMessage> received = pubSub.pull(PROJECT, "onprem-runs-sub", 10);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessage().getData().toString(StandardCharsets.UTF_8)).isEqualTo(EVENT);
        assertThat(received.get(0).getMessage().getAttributesMap()).isEqualTo(ATTRIBUTES);
        assertThat(result.out().strip()).isEqualTo("{\"status\":\"PUBLISHED\",\"topic\":\"" + topic + "\",\"messageId\":\""
                + received.get(0).getMessage().getMessageId() + "\"}");
        assertThat(result.err()).contains("Published dev1_groupondw.ref_attr_class_dev @ 2024-05-01T02:00:00Z SUCCEEDED (ONPREM) to "
                + topic);
    }

    @Test
    void anOnPremFailure_isPublishedAsFailed() throws Exception {
        String topic = topic("onprem-failures");

        Cli result = Cli.run(Map.of("PUBSUB_EMULATOR_HOST", pubSub.host()), "notify", "sales", "orders",
                "--td-timestamp", "2024-05-01T02:00:00", "--topic", topic, "--status", "failed");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(pubSub.pull(PROJECT, "onprem-failures-sub", 10)).singleElement()
                .satisfies(m -> assertThat(m.getMessage().getData().toString(StandardCharsets.UTF_8)).isEqualTo(
                        "{\"dbName\":\"sales\",\"tableName\":\"orders\",\"td_timestamp\":\"2024-05-01T02:00:00Z\",\"status\":\"FAILED\","
                                + "\"environment\":\"ONPREM\"}"));
    }

    @Test
    void aMissingTopic_failsAtOnceWithOneLineAndExit4() {
        long started = System.nanoTime();

        Cli result = Cli.run(Map.of("PUBSUB_EMULATOR_HOST", pubSub.host()), "notify", "sales", "orders",
                "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", "projects/" + PROJECT + "/topics/nobody-made-this");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.errLines()).containsExactly("replicator: Cannot publish the event for sales.orders @ 2024-05-01T02:00:00Z"
                + " SUCCEEDED (ONPREM) to projects/" + PROJECT + "/topics/nobody-made-this on the emulator at " + pubSub.host()
                + ": NOT_FOUND: topic \"projects/" + PROJECT + "/topics/nobody-made-this\"");
        assertThat(result.out()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void noServer_retriesWithinTheTimeout_thenFailsWithOneLineAndExit4() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();

        Cli result = Cli.run(Map.of("PUBSUB_EMULATOR_HOST", "127.0.0.1:" + closedPort), "notify", "sales", "orders",
                "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", "projects/" + PROJECT + "/topics/onprem-runs", "--timeout", "10s");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("replicator: Cannot publish the event for sales.orders @ 2024-05-01T02:00:00Z SUCCEEDED (ONPREM) to projects/"
                        + PROJECT + "/topics/onprem-runs on the emulator at 127.0.0.1:" + closedPort + ": UNAVAILABLE")
                .endsWith("(retried for up to 10s)");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(5)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theJobJarAlone_withoutHadoop_publishes() throws Exception {
        String topic = topic("from-the-jar");
        Path jar = Paths.get("target", "replicator-launcher-0.1.0-SNAPSHOT.jar").toAbsolutePath();
        Path out = Files.createTempFile("notify-out", ".txt");
        Path err = Files.createTempFile("notify-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-verbose:class", "-cp", jar.toString(), "org.runreplicator.cli.Replicator", "notify", "dev1_groupondw",
                    "ref_attr_class_dev", "--td-timestamp", "2024-05-01T02:00:00Z", "--topic", topic)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("PUBSUB_EMULATOR_HOST", pubSub.host());
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("notify finished within 60s").isTrue();
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);

            assertThat(process.exitValue()).as(stderr).isZero();
            assertThat(stdout.lines().filter(l -> l.startsWith("[")).filter(l -> l.contains("org.apache.hadoop")))
                    .as("Hadoop classes loaded").isEmpty();
            assertThat(stdout.lines().filter(l -> !l.startsWith("["))).singleElement().asString().startsWith("{\"status\":\"PUBLISHED\"");
            List<ReceivedMessage> received = pubSub.pull(PROJECT, "from-the-jar-sub", 10);
            assertThat(received).singleElement().satisfies(m -> {
                assertThat(m.getMessage().getData().toString(StandardCharsets.UTF_8)).isEqualTo(EVENT);
                assertThat(m.getMessage().getAttributesMap()).isEqualTo(ATTRIBUTES);
            });
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
