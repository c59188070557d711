package org.runreplicator.cli;

import com.google.api.core.ApiFuture;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.event.OnPremEventFormat;

/**
 * Publishes through google-cloud-pubsub's {@link Publisher}, which retries what Pub/Sub calls
 * transient (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL, RESOURCE_EXHAUSTED, UNKNOWN...) with
 * backoff, bounded here by the total time allowed; a permanent error (NOT_FOUND, PERMISSION_DENIED,
 * INVALID_ARGUMENT) fails at once. Against an emulator ({@code PUBSUB_EMULATOR_HOST}, which the
 * Java client does not read by itself) it connects over plaintext without credentials.
 */
final class PubSubEventPublisher implements EventPublisher {
    // Room beyond the retry budget for the last attempt's answer and the shutdown.
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final PubSubTopic topic;
    private final String emulatorHost;
    private final Duration timeout;

    /**
     * @param emulatorHost {@code host:port} of a Pub/Sub emulator, or null for Pub/Sub itself
     * @param timeout how long publishing may take, retries included
     */
    PubSubEventPublisher(PubSubTopic topic, String emulatorHost, Duration timeout) {
        this.topic = topic;
        this.emulatorHost = emulatorHost;
        this.timeout = timeout;
    }

    @Override
    public String publish(OnPremEvent event) {
        PubsubMessage message = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(OnPremEventFormat.encode(event)))
                .putAllAttributes(OnPremEventFormat.attributes(event))
                .build();
        ManagedChannel channel = emulatorHost == null ? null : ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
        Publisher publisher = null;
        try {
            publisher = publisher(channel);
            ApiFuture<String> ack = publisher.publish(message);
            return ack.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw failure(event, "cannot create the publisher (" + e.getMessage() + ")", e);
        } catch (ExecutionException e) {
            throw failure(event, reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw failure(event, "no acknowledgement within " + timeout.plus(GRACE).getSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(event, "interrupted while waiting for the acknowledgement", e);
        } finally {
            close(publisher, channel);
        }
    }

    private Publisher publisher(ManagedChannel channel) throws IOException {
        Publisher.Builder builder = Publisher.newBuilder(TopicName.of(topic.project(), topic.topic()))
                .setRetrySettings(retrySettings());
        if (channel != null) {
            builder.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                    .setCredentialsProvider(NoCredentialsProvider.create());
        }
        return builder.build();
    }

    private RetrySettings retrySettings() {
        Duration attempt = timeout.compareTo(Duration.ofSeconds(20)) < 0 ? timeout : Duration.ofSeconds(20);
        return RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(200))
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                .setInitialRpcTimeoutDuration(attempt)
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(attempt)
                .setTotalTimeoutDuration(timeout)
                .build();
    }

    private String reason(Throwable cause) {
        if (cause instanceof ApiException) {
            ApiException api = (ApiException) cause;
            // The message is the gRPC exception's text, its class name first: the code and the description are what matter.
            String what = api.getMessage().replaceFirst("^[\\w.$]+Exception: ", "");
            return api.isRetryable() ? what + " (retried for up to " + timeout.getSeconds() + "s)" : what;
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private ReplicatorException failure(OnPremEvent event, String reason, Throwable cause) {
        String where = topic + (emulatorHost == null ? "" : " on the emulator at " + emulatorHost);
        return new ReplicatorException(FailureKind.TARGET, "Cannot publish the event for " + event + " to " + where + ": " + reason, cause);
    }

    private static void close(Publisher publisher, ManagedChannel channel) {
        try {
            if (publisher != null) {
                publisher.shutdown();
                publisher.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
        }
    }
}
