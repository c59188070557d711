package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Against a tiny HTTP server on a loopback socket in this JVM: milliseconds, no external server. */
class CountingProxyTest {
    private static final String REQUEST = "PUT /upload/x?upload_id=1 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello, hello";
    private static final long SERVER_MILLIS = 50;

    @Test
    void forwardsEveryByteBothWays_countsEachDirection_andPairsTheResponseWithItsRequest() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerOnce(upstream));
            server.start();
            try (CountingProxy proxy = CountingProxy.start(new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
                 Socket client = new Socket("127.0.0.1", proxy.port())) {
                ProxyTraffic.Mark before = proxy.traffic().mark();
                client.getOutputStream().write(REQUEST.getBytes(StandardCharsets.ISO_8859_1));
                byte[] answer = client.getInputStream().readNBytes(RESPONSE.length());
                TrafficWindow window = proxy.traffic().between(before, proxy.traffic().mark());

                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo(RESPONSE);
                assertThat(window.bytesToServer()).isEqualTo(REQUEST.length());
                assertThat(window.bytesToClient()).isEqualTo(RESPONSE.length());
                assertThat(window.exchanges()).singleElement().satisfies(e -> {
                    assertThat(e.method()).isEqualTo("PUT");
                    assertThat(e.bodyBytes()).isEqualTo(5);
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.serverNanos()).isGreaterThanOrEqualTo(SERVER_MILLIS * 1_000_000 / 2);
                });
            }
            server.join(5_000);
        }
    }

    /** Reads one request, thinks for a while, answers it. */
    private static void answerOnce(ServerSocket upstream) {
        try (Socket s = upstream.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            in.readNBytes(REQUEST.length());
            Thread.sleep(SERVER_MILLIS);
            out.write(RESPONSE.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            in.read();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
