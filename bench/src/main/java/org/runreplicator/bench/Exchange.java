package org.runreplicator.bench;

/**
 * A request the client sent through the proxy and, once it has come back, the server's response.
 * The response is set by the proxy before it forwards the response's last byte, so a caller that
 * has its answer sees it set.
 */
final class Exchange {
    private final HttpMessage request;
    private volatile HttpMessage response;

    Exchange(HttpMessage request) {
        this.request = request;
    }

    /** An exchange already answered, as tests build traffic. */
    static Exchange answered(HttpMessage request, HttpMessage response) {
        Exchange e = new Exchange(request);
        e.answer(response);
        return e;
    }

    void answer(HttpMessage response) {
        this.response = response;
    }

    HttpMessage request() {
        return request;
    }

    String method() {
        return request.method();
    }

    String target() {
        return request.target();
    }

    long bodyBytes() {
        return request.bodyBytes();
    }

    /** When the request's last byte passed the proxy. */
    long sentNanos() {
        return request.completedNanos();
    }

    /** The response's status, or -1 while unanswered. */
    int status() {
        HttpMessage r = response;
        return r == null ? -1 : r.status();
    }

    /**
     * How long the server took: from the request's last byte to the response's first, as the proxy
     * saw them; -1 while unanswered. Server work (a copy, a delete) shows here, not the client's.
     */
    long serverNanos() {
        HttpMessage r = response;
        return r == null ? -1 : r.firstByteNanos() - request.completedNanos();
    }
}
