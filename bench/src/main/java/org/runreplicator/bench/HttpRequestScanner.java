package org.runreplicator.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Follows one connection's client-to-server bytes, fed in whatever pieces the socket delivers, and
 * reports each HTTP/1.1 request when its last byte has passed: method, target, header bytes, body
 * bytes (Content-Length or chunked). It only reads; it never changes or holds back the stream. On
 * anything it cannot follow it gives up for the rest of the connection and reports the bytes it
 * could not attribute, so the byte counts stay exact while the request breakdown says it is partial.
 */
final class HttpRequestScanner {
    /** Longer header blocks are not HTTP from a client we know: give up rather than buffer them. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_TARGET_CHARS = 2048;

    /** One request as it went over the wire; {@code completedNanos} is when its last byte passed ({@link System#nanoTime()}). */
    record Request(String method, String target, long headerBytes, long bodyBytes, long completedNanos) {
        long wireBytes() {
            return headerBytes + bodyBytes;
        }
    }

    private enum State { HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, LOST }

    private final Consumer<Request> onRequest;
    private final Consumer<Long> onUnparsed;
    private final LongSupplier clock;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.HEADERS;
    private String method;
    private String target;
    private long headerBytes;
    private long bodyBytes;
    private long remaining;
    private int headerLines;
    private boolean chunked;

    /** {@code onRequest} gets every complete request; {@code onUnparsed} the bytes that could not be attributed. */
    HttpRequestScanner(Consumer<Request> onRequest, Consumer<Long> onUnparsed) {
        this(onRequest, onUnparsed, System::nanoTime);
    }

    HttpRequestScanner(Consumer<Request> onRequest, Consumer<Long> onUnparsed, LongSupplier clock) {
        this.onRequest = onRequest;
        this.onUnparsed = onUnparsed;
        this.clock = clock;
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
                    onUnparsed.accept((long) (end - i));
                    return;
                }
                default -> {
                    byte b = bytes[i++];
                    if (state == State.HEADERS) {
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
            case HEADERS -> headerLine(text);
            case CHUNK_SIZE -> {
                int extension = text.indexOf(';');
                long size = parseHex(extension < 0 ? text : text.substring(0, extension));
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

    private void headerLine(String text) {
        if (headerLines == 0) {
            if (text.isEmpty()) {
                headerBytes = 0; // a stray CRLF between requests belongs to none
                return;
            }
            String[] parts = text.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                lose(0);
                return;
            }
            method = parts[0];
            target = parts[1].length() > MAX_TARGET_CHARS ? parts[1].substring(0, MAX_TARGET_CHARS) : parts[1];
            headerLines = 1;
            return;
        }
        headerLines++;
        if (!text.isEmpty()) {
            int colon = text.indexOf(':');
            if (colon > 0) {
                String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = text.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    remaining = parseDecimal(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            return;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (remaining > 0) {
            state = State.BODY;
        } else if (remaining == 0) {
            finish();
        } else {
            lose(0);
        }
    }

    private void finish() {
        onRequest.accept(new Request(method, target, headerBytes, bodyBytes, clock.getAsLong()));
        state = State.HEADERS;
        method = null;
        target = null;
        headerBytes = 0;
        bodyBytes = 0;
        remaining = 0;
        headerLines = 0;
        chunked = false;
    }

    /** Gives up on this connection: what was buffered of the current request and {@code more} bytes are unattributed. */
    private void lose(long more) {
        state = State.LOST;
        onUnparsed.accept(headerBytes + bodyBytes + more);
    }

    private static long parseDecimal(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseHex(String value) {
        try {
            return Long.parseLong(value.trim(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
