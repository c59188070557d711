package org.runreplicator.trigger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/** Pub/Sub CloudEvents as Eventarc delivers them to a function: type messagePublished, the message in a JSON envelope. */
final class PubSubEvents {
    static final String SOURCE = "//pubsub.googleapis.com/projects/replicator-test/topics/onprem-runs";
    private static final AtomicLong IDS = new AtomicLong(1000);

    private PubSubEvents() {
    }

    /** The event's JSON data as the on-prem side publishes it. */
    static String eventJson(String db, String table, String td, String status) {
        return "{\"dbName\":\"" + db + "\",\"tableName\":\"" + table + "\",\"td_timestamp\":\"" + td + "\",\"status\":\"" + status
                + "\",\"environment\":\"ONPREM\"}";
    }

    /** The push envelope around message data. */
    static String envelope(byte[] data, String messageId) {
        return "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\",\"attributes\":{},\"messageId\":\""
                + messageId + "\",\"publishTime\":\"2024-05-01T02:05:00.123Z\"},"
                + "\"subscription\":\"projects/replicator-test/subscriptions/eventarc-trigger\"}";
    }

    static CloudEvent published(String data) {
        return published(data.getBytes(StandardCharsets.UTF_8));
    }

    static CloudEvent published(byte[] data) {
        String id = String.valueOf(IDS.incrementAndGet());
        return withEnvelope(PubSubCloudEvent.MESSAGE_PUBLISHED, envelope(data, id).getBytes(StandardCharsets.UTF_8), id);
    }

    static CloudEvent withEnvelope(String type, byte[] envelope, String id) {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(id).withType(type).withSource(URI.create(SOURCE))
                .withTime(OffsetDateTime.of(2024, 5, 1, 2, 5, 0, 0, ZoneOffset.UTC));
        if (envelope != null) {
            builder.withDataContentType("application/json").withData(envelope);
        }
        return builder.build();
    }
}
