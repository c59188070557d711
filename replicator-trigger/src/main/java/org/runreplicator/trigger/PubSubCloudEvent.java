package org.runreplicator.trigger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.util.Base64;
import org.runreplicator.event.MalformedEventException;
import org.runreplicator.event.OnPremEventFormat;

/**
 * Unwraps the Pub/Sub message from a {@code google.cloud.pubsub.topic.v1.messagePublished}
 * CloudEvent, whose data is {@code {"message": {"data": "<base64>", "attributes": {...},
 * "messageId": "...", "publishTime": "..."}, "subscription": "..."}}, and returns the message's
 * data. Anything else (another event type, no data, an envelope that is not that JSON, data that
 * is not base64, an envelope larger than {@value #MAX_ENVELOPE_BYTES} bytes) is malformed.
 */
final class PubSubCloudEvent {
    static final String MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
    /** Base64 makes the largest acceptable message data about 4/3 larger, plus attributes and ids. */
    static final int MAX_ENVELOPE_BYTES = 4 * OnPremEventFormat.MAX_BYTES;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PubSubCloudEvent() {
    }

    static byte[] messageData(CloudEvent event) throws MalformedEventException {
        if (!MESSAGE_PUBLISHED.equals(event.getType())) {
            throw new MalformedEventException("the CloudEvent's type is " + event.getType() + ", not " + MESSAGE_PUBLISHED);
        }
        if (event.getData() == null) {
            throw new MalformedEventException("the CloudEvent has no data");
        }
        byte[] envelope = event.getData().toBytes();
        if (envelope.length > MAX_ENVELOPE_BYTES) {
            throw new MalformedEventException("the CloudEvent's data is " + envelope.length + " bytes, more than the "
                    + MAX_ENVELOPE_BYTES + " a Pub/Sub envelope of an event may have");
        }
        JsonNode root;
        try {
            root = JSON.readTree(envelope);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("the CloudEvent's data is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("the CloudEvent's data cannot be read: " + e.getMessage());
        }
        JsonNode data = root == null ? null : root.path("message").get("data");
        if (data == null || data.isNull()) {
            throw new MalformedEventException("the CloudEvent's data has no message.data");
        }
        if (!data.isTextual()) {
            throw new MalformedEventException("message.data is not a base64 string");
        }
        try {
            return Base64.getDecoder().decode(data.textValue());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("message.data is not base64: " + e.getMessage());
        }
    }
}
