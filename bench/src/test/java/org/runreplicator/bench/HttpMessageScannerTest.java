package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpMessageScannerTest {
    private static final String GET = "GET /storage/v1/b/bucket/o/a%2Fb?fields=name HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
    private static final String UPLOAD = "PUT /upload/storage/v1/b/bucket/o?uploadType=resumable&upload_id=abc HTTP/1.1\r\n"
            + "Content-Length: 10\r\nContent-Range: bytes 0-9/*\r\n\r\n0123456789";
    private static final String CHUNKED = "POST /upload/storage/v1/b/bucket/o?uploadType=multipart HTTP/1.1\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nwxyz\r\n"
            + "A\r\n0123456789\r\n"
            + "0\r\nX-Trailer: 1\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    private static final String CHUNKED_OK = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";
    private static final String RESUME = "HTTP/1.1 308 Permanent Redirect\r\nRange: bytes=0-9\r\nContent-Length: 0\r\n\r\n";

    private final List<HttpMessage> messages = new ArrayList<>();
    private final AtomicLong unparsed = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicBoolean head = new AtomicBoolean();

    private HttpMessageScanner scanner(HttpMessageScanner.Side side) {
        return new HttpMessageScanner(side, messages::add, unparsed::addAndGet, clock::incrementAndGet, head::get);
    }

    @Test
    void reportsEachRequestOfAKeepAliveConnection_withItsHeaderAndBodyBytes() {
        feed(scanner(HttpMessageScanner.Side.REQUESTS), GET + UPLOAD, Integer.MAX_VALUE);

        assertThat(messages).extracting(HttpMessage::method).containsExactly("GET", "PUT");
        assertThat(messages.get(0).target()).isEqualTo("/storage/v1/b/bucket/o/a%2Fb?fields=name");
        assertThat(messages.get(0).headerBytes()).isEqualTo(GET.length());
        assertThat(messages.get(0).bodyBytes()).isZero();
        assertThat(messages.get(1).bodyBytes()).isEqualTo(10);
        assertThat(messages.get(1).wireBytes()).isEqualTo(UPLOAD.length());
        assertThat(unparsed.get()).isZero();
    }

    @Test
    void followsChunkedBodies_withExtensionsAndTrailers_countingTheFramingAsBody() {
        feed(scanner(HttpMessageScanner.Side.REQUESTS), CHUNKED + GET, Integer.MAX_VALUE);

        assertThat(messages).extracting(HttpMessage::method).containsExactly("POST", "GET");
        HttpMessage post = messages.get(0);
        assertThat(post.wireBytes()).isEqualTo(CHUNKED.length());
        assertThat(post.bodyBytes()).isEqualTo(CHUNKED.length() - CHUNKED.indexOf("\r\n\r\n") - 4);
    }

    @Test
    void aMessageCutAnywhereIsReportedOnce_whenItsLastByteArrives() {
        String stream = GET + UPLOAD + CHUNKED + UPLOAD;
        Random random = new Random(7);
        HttpMessageScanner requests = scanner(HttpMessageScanner.Side.REQUESTS);
        for (int round = 0; round < 50; round++) {
            messages.clear();
            feed(requests, stream, 1 + random.nextInt(40));

            assertThat(messages).hasSize(4);
            assertThat(messages.stream().mapToLong(HttpMessage::wireBytes).sum()).isEqualTo(stream.length());
        }
        assertThat(unparsed.get()).isZero();
    }

    @Test
    void aMessageIsStampedWhenItsFirstAndLastBytesPass() {
        HttpMessageScanner requests = scanner(HttpMessageScanner.Side.REQUESTS);
        clock.set(10);
        feed(requests, UPLOAD.substring(0, 20), Integer.MAX_VALUE);
        clock.set(100);
        feed(requests, UPLOAD.substring(20), Integer.MAX_VALUE);

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.firstByteNanos()).isEqualTo(11);
            assertThat(m.completedNanos()).isEqualTo(101);
        });
    }

    @Test
    void responsesAreFramedByLengthOrChunks_andStatusesWithoutABodyHaveNone() {
        feed(scanner(HttpMessageScanner.Side.RESPONSES), OK + NO_CONTENT + RESUME + CHUNKED_OK, 7);

        assertThat(messages).extracting(HttpMessage::status).containsExactly(200, 204, 308, 200);
        assertThat(messages).extracting(HttpMessage::bodyBytes).containsExactly(2L, 0L, 0L, (long) "2\r\n{}\r\n0\r\n\r\n".length());
        assertThat(unparsed.get()).isZero();
    }

    @Test
    void theAnswerToAHeadRequestHasNoBody_whateverItsLengthSays() {
        head.set(true);
        feed(scanner(HttpMessageScanner.Side.RESPONSES), OK.substring(0, OK.length() - 2), Integer.MAX_VALUE);

        assertThat(messages).singleElement().extracting(HttpMessage::bodyBytes).isEqualTo(0L);
    }

    @Test
    void aResponseThatRunsUntilTheConnectionCloses_cannotBeFramed_andIsCountedAsUnparsed() {
        String untilClose = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody";
        feed(scanner(HttpMessageScanner.Side.RESPONSES), untilClose, Integer.MAX_VALUE);

        assertThat(messages).isEmpty();
        assertThat(unparsed.get()).isEqualTo(untilClose.length());
    }

    @Test
    void givesUpOnWhatIsNotHttp_andCountsEveryFurtherByteAsUnparsed() {
        HttpMessageScanner requests = scanner(HttpMessageScanner.Side.REQUESTS);
        feed(requests, GET, Integer.MAX_VALUE);
        String garbage = "\u0016\u0003\u0001 not http at all\r\n";
        feed(requests, garbage + GET, Integer.MAX_VALUE);

        assertThat(messages).hasSize(1);
        assertThat(unparsed.get()).isEqualTo(garbage.length() + GET.length());
    }

    private static void feed(HttpMessageScanner scanner, String text, int pieceBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += pieceBytes) {
            scanner.feed(bytes, i, Math.min(pieceBytes, bytes.length - i));
        }
    }
}
