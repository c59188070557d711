package org.runreplicator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of one upstream server, counting the bytes each way
 * and following the HTTP exchanges ({@link HttpMessageScanner}) into a {@link ProxyTraffic}.
 * It forwards every byte as soon as it is read, so it neither buffers nor reorders: the client sees
 * the upstream server, a little further away.
 */
final class CountingProxy implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final ProxyTraffic traffic = new ProxyTraffic();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private CountingProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /** Starts accepting on 127.0.0.1 at a free port; each connection is forwarded to {@code upstream}. */
    static CountingProxy start(InetSocketAddress upstream) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CountingProxy proxy = new CountingProxy(listener, upstream);
        daemon("proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop).start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** http://127.0.0.1:PORT */
    String url() {
        return "http://127.0.0.1:" + port();
    }

    ProxyTraffic traffic() {
        return traffic;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.forEach(this::forget);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy: stopped accepting: " + e.getMessage());
                }
                return;
            }
            try {
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                connect(client, server);
            } catch (IOException e) {
                System.err.println("proxy: cannot reach " + upstream + ": " + e.getMessage());
                forget(client);
            }
        }
    }

    private void connect(Socket client, Socket server) throws IOException {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        // Responses come back in the order of the requests: each answers the oldest unanswered one.
        Deque<Exchange> unanswered = new ConcurrentLinkedDeque<>();
        HttpMessageScanner requests = new HttpMessageScanner(HttpMessageScanner.Side.REQUESTS,
                request -> unanswered.add(traffic.request(request)), traffic::unparsed, System::nanoTime, () -> false);
        HttpMessageScanner responses = new HttpMessageScanner(HttpMessageScanner.Side.RESPONSES, response -> {
            if (response.status() / 100 != 1) { // an interim 1xx answers nothing yet
                Exchange answered = unanswered.poll();
                if (answered != null) {
                    answered.answer(response);
                }
            }
        }, traffic::unparsed, System::nanoTime, () -> {
            Exchange next = unanswered.peek();
            return next != null && next.method().equals("HEAD");
        });
        AtomicInteger directionsEnded = new AtomicInteger();
        Runnable ended = () -> {
            if (directionsEnded.incrementAndGet() == 2) {
                forget(client);
                forget(server);
            }
        };
        daemon("proxy-up-" + client.getPort(), () -> pump(client, server, (b, off, n) -> {
            traffic.sentToServer(n);
            requests.feed(b, off, n);
        }, ended)).start();
        daemon("proxy-down-" + client.getPort(), () -> pump(server, client, (b, off, n) -> {
            traffic.sentToClient(n);
            responses.feed(b, off, n);
        }, ended)).start();
    }

    private interface Tap {
        void saw(byte[] bytes, int offset, int length);
    }

    /** Copies {@code from} to {@code to} until {@code from} ends, then passes the end on; a failure closes both. */
    private void pump(Socket from, Socket to, Tap tap, Runnable ended) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                tap.saw(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            forget(from);
            forget(to);
        }
        ended.run();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private void forget(Socket socket) {
        open.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing on the way out: nothing left to tell
        }
    }
}
