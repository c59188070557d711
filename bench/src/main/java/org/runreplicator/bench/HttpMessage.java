package org.runreplicator.bench;

/**
 * One HTTP/1.1 message as it went over the wire: its start line, header and body bytes (chunk
 * framing counts as body), and when its first and last bytes passed ({@link System#nanoTime()}).
 */
record HttpMessage(String startLine, long headerBytes, long bodyBytes, long firstByteNanos, long completedNanos) {
    long wireBytes() {
        return headerBytes + bodyBytes;
    }

    /** A request's method. */
    String method() {
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** A request's target (path and query). */
    String target() {
        return startLine.substring(startLine.indexOf(' ') + 1, startLine.lastIndexOf(' '));
    }

    /** A response's status code. */
    int status() {
        return Integer.parseInt(startLine.split(" ", 3)[1]);
    }
}
