package org.runreplicator.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Follows one direction of one HTTP/1.1 connection, fed in whatever pieces the socket delivers,
 * and reports each message (request or response) when its last byte has passed: its start line,
 * header bytes, body bytes (Content-Length or chunked, framing included) and when its first and
 * last bytes passed. It only reads; it never changes or holds back the stream. On anything it
 * cannot follow it gives up for the rest of the connection and reports the bytes it could not
 * attribute, so byte counts stay exact while the message breakdown says it is partial.
 */
final class HttpMessageScanner {
    /** Longer header blocks are not HTTP from a peer we know: give up rather than buffer them. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** Which side of the connection the bytes come from: it decides how a message's start line and body are read. */
    enum Side { REQUESTS, RESPONSES }

    private enum State { START, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, LOST }

    private final Side side;
    private final Consumer<HttpMessage> onMessage;
    private final LongConsumer onUnparsed;
    private final LongSupplier clock;
    private final BooleanSupplier answeringHead;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.START;
    private String startLine;
    private long firstByteNanos;
    private long headerBytes;
    private long bodyBytes;
    private long remaining;
    private boolean chunked;
    private boolean lengthGiven;

    /**
     * @param answeringHead for responses: whether the next response answers a HEAD request (which
     *     has no body whatever its headers say); ignored for requests
     */
    HttpMessageScanner(Side side, Consumer<HttpMessage> onMessage, LongConsumer onUnparsed, LongSupplier clock,
            BooleanSupplier answeringHead) {
        this.side = side;
        this.onMessage = onMessage;
        this.onUnparsed = onUnparsed;
        this.clock = clock;
        this.answeringHead = answeringHead;
    }

    void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int take = (int) Math.min(remaining, end - i);
                    i += take;
                    bodyBytes += take;
                    remaining -= take;
                    if (remaining == 0) {
                        if (state == State.BODY) {
                            finish();
                        } else {
                            state = State.CHUNK_END;
                        }
                    }
                }
                case LOST -> {
                    onUnparsed.accept(end - i);
                    return;
                }
                default -> {
                    byte b = bytes[i++];
                    if (state == State.START && line.size() == 0) {
                        firstByteNanos = clock.getAsLong();
                    }
                    if (state == State.START || state == State.HEADERS) {
                        headerBytes++;
                    } else {
                        bodyBytes++; // chunk framing and trailers travel in the body
                    }
                    line.write(b);
                    if (b == '\n') {
                        endOfLine(line.toString(StandardCharsets.ISO_8859_1).trim());
                        line.reset();
                    } else if (line.size() > MAX_HEADER_BYTES) {
                        lose(end - i);
                        return;
                    }
                }
            }
        }
    }

    private void endOfLine(String text) {
        switch (state) {
            case START -> {
                if (text.isEmpty()) {
                    headerBytes = 0; // a stray CRLF between messages belongs to none
                } else if (startLineIsValid(text)) {
                    startLine = text;
                    state = State.HEADERS;
                } else {
                    lose(0);
                }
            }
            case HEADERS -> header(text);
            case CHUNK_SIZE -> {
                int extension = text.indexOf(';');
                long size = parse(extension < 0 ? text : text.substring(0, extension), 16);
                if (size < 0) {
                    lose(0);
                } else if (size == 0) {
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (text.isEmpty()) {
                    state = State.CHUNK_SIZE;
                } else {
                    lose(0);
                }
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    finish();
                }
            }
            default -> throw new IllegalStateException("No line expected in state " + state);
        }
    }

    private boolean startLineIsValid(String text) {
        String[] parts = text.split(" ", 3);
        if (side == Side.REQUESTS) {
            return parts.length == 3 && parts[2].startsWith("HTTP/1.");
        }
        return parts.length >= 2 && parts[0].startsWith("HTTP/1.") && parts[1].matches("\\d{3}");
    }

    private void header(String text) {
        if (!text.isEmpty()) {
            int colon = text.indexOf(':');
            if (colon > 0) {
                String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = text.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    remaining = parse(value, 10);
                    lengthGiven = true;
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            return;
        }
        if (hasNoBody()) {
            finish();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (remaining > 0) {
            state = State.BODY;
        } else if (remaining == 0 && (side == Side.REQUESTS || lengthGiven)) {
            finish();
        } else {
            lose(0); // a response delimited by the connection's end, or a length we cannot read
        }
    }

    private boolean hasNoBody() {
        if (side == Side.REQUESTS) {
            return false;
        }
        int status = Integer.parseInt(startLine.split(" ", 3)[1]);
        return status / 100 == 1 || status == 204 || status == 304 || answeringHead.getAsBoolean();
    }

    private void finish() {
        onMessage.accept(new HttpMessage(startLine, headerBytes, bodyBytes, firstByteNanos, clock.getAsLong()));
        state = State.START;
        startLine = null;
        headerBytes = 0;
        bodyBytes = 0;
        remaining = 0;
        chunked = false;
        lengthGiven = false;
    }

    /** Gives up on this connection: what was read of the current message and {@code more} bytes are unattributed. */
    private void lose(long more) {
        state = State.LOST;
        onUnparsed.accept(headerBytes + bodyBytes + more);
    }

    private static long parse(String value, int radix) {
        try {
            return Long.parseLong(value.trim(), radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
