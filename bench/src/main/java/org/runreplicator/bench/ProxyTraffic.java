package org.runreplicator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went through a {@link CountingProxy}: bytes each way, and every exchange (request and
 * response) the client made.
 * Bytes are counted when the proxy reads them, before it forwards them, so once a synchronous call
 * has its answer, every byte it sent is counted: a {@link #mark()} taken then is exact for it.
 */
final class ProxyTraffic {
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final AtomicLong unparsed = new AtomicLong();
    private final List<Exchange> exchanges = new ArrayList<>();

    /** The counters at one moment ({@code atNanos}, from {@link System#nanoTime()}). */
    record Mark(long atNanos, long toServer, long toClient, long unparsed, int exchanges) {
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

    /** Records a request the client completed; the caller answers the returned exchange when its response has passed. */
    synchronized Exchange request(HttpMessage request) {
        Exchange exchange = new Exchange(request);
        exchanges.add(exchange);
        return exchange;
    }

    synchronized Mark mark() {
        return new Mark(System.nanoTime(), toServer.get(), toClient.get(), unparsed.get(), exchanges.size());
    }

    /** The traffic between two marks, {@code from} taken first. */
    synchronized TrafficWindow between(Mark from, Mark to) {
        return new TrafficWindow(to.toServer() - from.toServer(), to.toClient() - from.toClient(),
                to.unparsed() - from.unparsed(), List.copyOf(exchanges.subList(from.exchanges(), to.exchanges())));
    }
}
