package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpRequestScannerTest {
    private static final String GET = "GET /storage/v1/b/bucket/o/a%2Fb?fields=name HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
    private static final String UPLOAD = "PUT /upload/storage/v1/b/bucket/o?uploadType=resumable&upload_id=abc HTTP/1.1\r\n"
            + "Content-Length: 10\r\nContent-Range: bytes 0-9/*\r\n\r\n0123456789";
    private static final String CHUNKED = "POST /upload/storage/v1/b/bucket/o?uploadType=multipart HTTP/1.1\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nwxyz\r\n"
            + "A\r\n0123456789\r\n"
            + "0\r\nX-Trailer: 1\r\n\r\n";

    private final List<HttpRequestScanner.Request> requests = new ArrayList<>();
    private final AtomicLong unparsed = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final HttpRequestScanner scanner = new HttpRequestScanner(requests::add, unparsed::addAndGet, clock::incrementAndGet);

    @Test
    void reportsEachRequestOfAKeepAliveConnection_withItsHeaderAndBodyBytes() {
        feed(GET + UPLOAD, Integer.MAX_VALUE);

        assertThat(requests).extracting(HttpRequestScanner.Request::method).containsExactly("GET", "PUT");
        assertThat(requests.get(0).target()).isEqualTo("/storage/v1/b/bucket/o/a%2Fb?fields=name");
        assertThat(requests.get(0).headerBytes()).isEqualTo(GET.length());
        assertThat(requests.get(0).bodyBytes()).isZero();
        assertThat(requests.get(1).bodyBytes()).isEqualTo(10);
        assertThat(requests.get(1).wireBytes()).isEqualTo(UPLOAD.length());
        assertThat(unparsed.get()).isZero();
    }

    @Test
    void followsChunkedBodies_withExtensionsAndTrailers_countingTheFramingAsBody() {
        feed(CHUNKED + GET, Integer.MAX_VALUE);

        assertThat(requests).extracting(HttpRequestScanner.Request::method).containsExactly("POST", "GET");
        HttpRequestScanner.Request post = requests.get(0);
        assertThat(post.wireBytes()).isEqualTo(CHUNKED.length());
        assertThat(post.bodyBytes()).isEqualTo(CHUNKED.length() - CHUNKED.indexOf("\r\n\r\n") - 4);
    }

    @Test
    void aRequestCutAnywhereIsReportedOnce_whenItsLastByteArrives() {
        String stream = GET + UPLOAD + CHUNKED + UPLOAD;
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            requests.clear();
            feed(stream, 1 + random.nextInt(40));

            assertThat(requests).hasSize(4);
            assertThat(requests.stream().mapToLong(HttpRequestScanner.Request::wireBytes).sum()).isEqualTo(stream.length());
        }
        assertThat(unparsed.get()).isZero();
    }

    @Test
    void aRequestIsStampedWhenItCompletes_notWhenItStarts() {
        feed(UPLOAD.substring(0, 20), Integer.MAX_VALUE);
        clock.set(100);
        feed(UPLOAD.substring(20), Integer.MAX_VALUE);

        assertThat(requests).singleElement().extracting(HttpRequestScanner.Request::completedNanos).isEqualTo(101L);
    }

    @Test
    void givesUpOnWhatIsNotHttp_andCountsEveryFurtherByteAsUnparsed() {
        feed(GET, Integer.MAX_VALUE);
        String garbage = "\u0016\u0003\u0001 not http at all\r\n";
        feed(garbage + GET, Integer.MAX_VALUE);

        assertThat(requests).hasSize(1);
        assertThat(unparsed.get()).isEqualTo(garbage.length() + GET.length());
    }

    private void feed(String text, int pieceBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += pieceBytes) {
            scanner.feed(bytes, i, Math.min(pieceBytes, bytes.length - i));
        }
    }
}
