package org.runreplicator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went through a {@link CountingProxy}: bytes each way, and every request the client sent.
 * Bytes are counted when the proxy reads them, before it forwards them, so once a synchronous call
 * has its answer, every byte it sent is counted: a {@link #mark()} taken then is exact for it.
 */
final class ProxyTraffic {
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final AtomicLong unparsed = new AtomicLong();
    private final List<HttpRequestScanner.Request> requests = new ArrayList<>();

    /** The counters at one moment ({@code atNanos}, from {@link System#nanoTime()}). */
    record Mark(long atNanos, long toServer, long toClient, long unparsed, int requests) {
    }

    void sentToServer(long bytes) {
        toServer.addAndGet(bytes);
    }

    void sentToClient(long bytes) {
        toClient.addAndGet(bytes);
    }

    void unparsed(long bytes) {
        unparsed.addAndGet(bytes);
    }

    synchronized void request(HttpRequestScanner.Request request) {
        requests.add(request);
    }

    synchronized Mark mark() {
        return new Mark(System.nanoTime(), toServer.get(), toClient.get(), unparsed.get(), requests.size());
    }

    /** The traffic between two marks, {@code from} taken first. */
    synchronized TrafficWindow between(Mark from, Mark to) {
        return new TrafficWindow(from.atNanos(), to.atNanos(), to.toServer() - from.toServer(), to.toClient() - from.toClient(),
                to.unparsed() - from.unparsed(), List.copyOf(requests.subList(from.requests(), to.requests())));
    }

    /** Each request the client sent since the proxy started. */
    synchronized List<HttpRequestScanner.Request> requests() {
        return new ArrayList<>(requests);
    }
}
