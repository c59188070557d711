package org.runreplicator.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.runreplicator.ledger.LedgerStatus;

/**
 * The wire form of {@link OnPremEvent} (DESIGN.md): UTF-8 JSON
 * {@code {"dbName": "...", "tableName": "...", "td_timestamp": "ISO-8601", "status": "SUCCEEDED", "environment": "ONPREM"}}.
 * {@link #encode} writes exactly that, the timestamp in UTC ({@code 2024-05-01T02:00:00Z});
 * {@link #decode} reads it strictly: every field present and a string, names that are identifiers,
 * an ISO-8601 timestamp (with an offset or {@code Z}; without one it is UTC, as {@code --td-timestamp}
 * reads it), a status that ends a run, environment {@code ONPREM}; unknown fields are ignored,
 * duplicate fields refused, and a payload over {@value #MAX_BYTES} bytes is refused unread.
 */
public final class OnPremEventFormat {
    /** The largest payload read; an event is about 150 bytes. */
    public static final int MAX_BYTES = 8192;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private OnPremEventFormat() {
    }

    /** The message data for {@code event}. */
    public static byte[] encode(OnPremEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("dbName", event.dbName());
        node.put("tableName", event.tableName());
        node.put("td_timestamp", event.tdTimestamp().toString());
        node.put("status", event.status().name());
        node.put("environment", OnPremEvent.ENVIRONMENT);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the event for " + event + " as JSON", e);
        }
    }

    /** Message attributes that mirror the data, for subscription filters; the data stays the authority. */
    public static Map<String, String> attributes(OnPremEvent event) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("dbName", event.dbName());
        attributes.put("tableName", event.tableName());
        attributes.put("td_timestamp", event.tdTimestamp().toString());
        attributes.put("status", event.status().name());
        attributes.put("environment", OnPremEvent.ENVIRONMENT);
        return attributes;
    }

    /**
     * Reads an event from message data.
     *
     * @throws MalformedEventException the reason it cannot be accepted
     */
    public static OnPremEvent decode(byte[] data) throws MalformedEventException {
        if (data == null || data.length == 0) {
            throw new MalformedEventException("the message has no data");
        }
        if (data.length > MAX_BYTES) {
            throw new MalformedEventException("the message data is " + data.length + " bytes, more than the " + MAX_BYTES
                    + " an event may have");
        }
        String text = utf8(data);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("the message data is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("the message data is not a JSON object");
        }
        String dbName = string(root, "dbName");
        String tableName = string(root, "tableName");
        Instant tdTimestamp = timestamp(string(root, "td_timestamp"));
        LedgerStatus status = status(string(root, "status"));
        String environment = string(root, "environment");
        if (!OnPremEvent.ENVIRONMENT.equals(environment)) {
            throw new MalformedEventException("environment " + OnPremEvent.shown(environment) + " is not " + OnPremEvent.ENVIRONMENT);
        }
        try {
            return OnPremEvent.of(dbName, tableName, tdTimestamp, status);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    private static String utf8(byte[] data) throws MalformedEventException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("the message data is not UTF-8");
        }
    }

    private static String string(JsonNode root, String field) throws MalformedEventException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("field " + field + " is missing or null");
        }
        if (!value.isTextual()) {
            throw new MalformedEventException("field " + field + " is a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a string");
        }
        return value.textValue();
    }

    private static LedgerStatus status(String text) throws MalformedEventException {
        for (LedgerStatus status : LedgerStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw new MalformedEventException("status " + OnPremEvent.shown(text) + " is not SUCCEEDED or FAILED");
    }

    /** ISO-8601 with an offset or Z; a local date-time is UTC, as {@code --td-timestamp} and the DAG read it. */
    public static Instant timestamp(String text) throws MalformedEventException {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.trim(),
                    ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof LocalDateTime) {
                return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            }
            return Instant.from(parsed);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("td_timestamp " + OnPremEvent.shown(text)
                    + " is not ISO-8601 (such as 2024-05-01T02:00:00Z)");
        }
    }
}
