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

/** Against an echo server on a loopback socket in this JVM: milliseconds, no external server. */
class CountingProxyTest {
    private static final String REQUEST = "PUT /upload/x?upload_id=1 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";

    @Test
    void forwardsEveryByteBothWays_andCountsEachDirection_beforeTheClientHasItsAnswer() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> echoOnce(echo));
            server.start();
            try (CountingProxy proxy = CountingProxy.start(new InetSocketAddress("127.0.0.1", echo.getLocalPort()));
                 Socket client = new Socket("127.0.0.1", proxy.port())) {
                ProxyTraffic.Mark before = proxy.traffic().mark();
                client.getOutputStream().write(REQUEST.getBytes(StandardCharsets.ISO_8859_1));
                byte[] answer = client.getInputStream().readNBytes(REQUEST.length() * 2);
                TrafficWindow window = proxy.traffic().between(before, proxy.traffic().mark());

                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo(REQUEST + REQUEST);
                assertThat(window.bytesToServer()).isEqualTo(REQUEST.length());
                assertThat(window.bytesToClient()).isEqualTo(REQUEST.length() * 2);
                assertThat(window.requests()).singleElement().satisfies(r -> {
                    assertThat(r.method()).isEqualTo("PUT");
                    assertThat(r.bodyBytes()).isEqualTo(5);
                });
            }
            server.join(5_000);
        }
    }

    /** Answers the first request with it twice, so the bytes back differ from the bytes out. */
    private static void echoOnce(ServerSocket echo) {
        try (Socket s = echo.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] request = in.readNBytes(REQUEST.length());
            out.write(request);
            out.write(request);
            out.flush();
            in.read();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
