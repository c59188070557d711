package org.runreplicator.testing;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pstest, the Pub/Sub fake of {@code cloud.google.com/go/pubsub/v2} behind {@code tools/pstest}'s
 * main, which {@code bin/test} builds once and exports as {@code PSTEST_BIN}; started on a free
 * loopback port and reached through the real Java client's admin and subscriber APIs over a
 * plaintext channel. Without the variable the tests fail (they never skip).
 */
public final class PubSubEmulator implements AutoCloseable {
    public static final String BINARY_VARIABLE = "PSTEST_BIN";
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;
    private final int port;
    private final ManagedChannel channel;

    public PubSubEmulator() throws IOException, InterruptedException {
        String binary = System.getenv(BINARY_VARIABLE);
        if (binary == null || binary.isBlank() || !Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(BINARY_VARIABLE + " is not set to the pstest binary: run the tests through bin/test,"
                    + " which builds it once (cached) and exports the variable");
        }
        this.port = freePort();
        this.log = Files.createTempFile("pstest", ".log");
        this.process = new ProcessBuilder(binary, "-addr", host()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening();
        this.channel = ManagedChannelBuilder.forTarget(host()).usePlaintext().build();
    }

    /** {@code 127.0.0.1:PORT}, the form {@code PUBSUB_EMULATOR_HOST} takes. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    private TransportChannelProvider channels() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    /** Creates the topic and a pull subscription to it. */
    public void createTopicWithSubscription(String project, String topic, String subscription) throws IOException {
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels())
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
                SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                        .setTransportChannelProvider(channels()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            topics.createTopic(TopicName.of(project, topic));
            subscriptions.createSubscription(SubscriptionName.of(project, subscription), TopicName.of(project, topic),
                    PushConfig.getDefaultInstance(), 10);
        }
    }

    /** Up to {@code max} messages waiting on the subscription (one synchronous pull). */
    public List<ReceivedMessage> pull(String project, String subscription, int max) throws IOException {
        try (SubscriberStub subscriber = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channels()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            return subscriber.pullCallable().call(PullRequest.newBuilder()
                    .setSubscription(SubscriptionName.of(project, subscription).toString()).setMaxMessages(max).build())
                    .getReceivedMessagesList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("pstest exited with status " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("pstest did not listen within " + STARTUP + ": " + Files.readString(log));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
