package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficWindowTest {
    private static final String OBJECT = "/storage/v1/b/bench/o/t%2Fds=1%2Frun-a%2Fpart-0.parquet";

    @Test
    void requestsAreToldApartByWhatTheyDoToTheStore() {
        assertThat(kind("POST", "/upload/storage/v1/b/bench/o?ifGenerationMatch=0&uploadType=multipart")).isEqualTo("upload");
        assertThat(kind("PUT", "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=7")).isEqualTo("upload");
        assertThat(kind("POST", OBJECT + "/copyTo/b/bench/o/t%2Fds=1%2Fpart-0.parquet")).isEqualTo("copy");
        assertThat(kind("POST", OBJECT + "/rewriteTo/b/bench/o/x")).isEqualTo("copy");
        assertThat(kind("POST", OBJECT + "/compose")).isEqualTo("compose");
        assertThat(kind("DELETE", OBJECT + "?ifGenerationMatch=3")).isEqualTo("delete");
        assertThat(kind("GET", "/download/storage/v1/b/bench/o/t%2F_commits%2F0000000001.json?alt=media")).isEqualTo("read");
        assertThat(kind("GET", "/storage/v1/b/bench/o?delimiter=/&prefix=t%2F")).isEqualTo("list");
        assertThat(kind("GET", OBJECT + "?fields=name,size")).isEqualTo("metadata");
        assertThat(kind("PATCH", OBJECT)).isEqualTo("patch");
    }

    @Test
    void bodiesAndKindsAreSummedOverTheWindow() {
        TrafficWindow w = window(
                request("GET", OBJECT, 0, 1),
                request("POST", "/upload/storage/v1/b/bench/o?uploadType=multipart", 500, 2),
                request("PUT", "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=9", 700, 3));

        assertThat(w.bodyBytes()).isEqualTo(1200);
        assertThat(w.largestBody()).get().extracting(Exchange::bodyBytes).isEqualTo(700L);
        assertThat(w.countsByKind()).containsExactly(java.util.Map.entry("metadata", 1), java.util.Map.entry("upload", 2));
    }

    @Test
    void theSlowestAnswerIsTheOneTheServerTookLongestOver_unansweredOnesAside() {
        Exchange unanswered = new Exchange(new HttpMessage("POST /x/copyTo/b/bench/o/y HTTP/1.1", 100, 0, 0, 1));
        TrafficWindow w = window(request("GET", OBJECT, 0, 1, 5_000), request("POST", OBJECT + "/copyTo/b/bench/o/y", 0, 2, 90_000),
                unanswered);

        assertThat(w.slowestAnswer()).get().satisfies(e -> {
            assertThat(TrafficWindow.kind(e)).isEqualTo("copy");
            assertThat(e.serverNanos()).isEqualTo(90_000);
        });
        assertThat(unanswered.serverNanos()).isEqualTo(-1);
        assertThat(unanswered.status()).isEqualTo(-1);
    }

    @Test
    void aFilesDataUploadIsItsResumableSessionsPuts_andSmallSessionsAreNotData() {
        String a = "/upload/storage/v1/b/bench/o?uploadType=resumable&name=a&upload_id=A";
        String b = "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=B&name=b";
        String entry = "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=C";
        TrafficWindow w = window(
                request("POST", "/upload/storage/v1/b/bench/o?uploadType=resumable&name=a", 160, 1),
                request("PUT", a, 8_000_000, 2_000_000_000L),
                request("PUT", b, 8_000_000, 2_500_000_000L),
                request("PUT", entry, 700, 2_600_000_000L),
                request("PUT", a, 3_000_000, 5_000_000_000L),
                request("PUT", b, 0, 5_100_000_000L));

        assertThat(w.dataUploads()).containsExactly(
                new TrafficWindow.UploadSession("A", 2, 11_000_000, 8_000_000, 2_000_000_000L, 5_000_000_000L),
                new TrafficWindow.UploadSession("B", 1, 8_000_000, 8_000_000, 2_500_000_000L, 2_500_000_000L));
        assertThat(w.dataUploads().get(0).spanSeconds()).isEqualTo(3.0);
    }

    /** A request sent at {@code sentNanos}, answered 200 by the server {@code serverNanos} later. */
    static Exchange request(String method, String target, long body, long sentNanos, long serverNanos) {
        HttpMessage request = new HttpMessage(method + " " + target + " HTTP/1.1", 100, body, sentNanos - 1, sentNanos);
        HttpMessage response = new HttpMessage("HTTP/1.1 200 OK", 80, 2, sentNanos + serverNanos, sentNanos + serverNanos + 1);
        return Exchange.answered(request, response);
    }

    static Exchange request(String method, String target, long body, long sentNanos) {
        return request(method, target, body, sentNanos, 1_000);
    }

    static TrafficWindow window(Exchange... exchanges) {
        long sent = 0;
        for (Exchange e : exchanges) {
            sent += e.request().wireBytes();
        }
        return new TrafficWindow(sent, 0, 0, List.of(exchanges));
    }

    private static String kind(String method, String target) {
        return TrafficWindow.kind(new Exchange(new HttpMessage(method + " " + target + " HTTP/1.1", 0, 0, 0, 0)));
    }
}
