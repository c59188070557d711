package org.runreplicator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A stand-in for Airflow's create-DAG-run endpoint, NOT Airflow itself: a JDK HttpServer on a free
 * loopback port that answers as Airflow 3.3's {@code POST /api/v2/dags/{dag}/dagRuns} (and Airflow
 * 2's {@code /api/v1/...}) was seen to answer (PLATFORM-NOTES): 200 and {@code queued} for a new
 * {@code dag_run_id}, 409 for one it already has, 422 for a v2 body without {@code logical_date},
 * 404 for another path. Tests can make it answer a given status next ({@link #failNext}), be slow,
 * and read every request back. The function's tests use it for the answers a real server will not
 * give on demand (5xx, 400, a hang) and to count requests; {@code RealAirflowContract} runs the same
 * client against a real Airflow API server.
 */
final class AirflowStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Request(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private final HttpServer server;
    private final String dagRunsPath;
    private final boolean v2;
    private final List<Request> requests = new ArrayList<>();
    private final Set<String> runIds = new HashSet<>();
    private final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();
    private volatile long delayMillis;

    AirflowStandIn(String dagId, AirflowApiVersion version) throws IOException {
        this.dagRunsPath = version.dagRunsPath(dagId);
        this.v2 = version == AirflowApiVersion.V2;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next answers to POSTs are these statuses, whatever the request. */
    void failNext(Integer... statuses) {
        scripted.addAll(List.of(statuses));
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized Set<String> runIds() {
        return Set.copyOf(runIds);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body);
            synchronized (this) {
                requests.add(request);
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            answer(exchange, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange, Request request) throws IOException {
        if (!request.method().equals("POST") || !request.path().equals(dagRunsPath)) {
            send(exchange, 404, "{\"detail\":\"Not Found\"}");
            return;
        }
        Integer forced = scripted.poll();
        if (forced != null) {
            send(exchange, forced, "{\"detail\":\"scripted answer " + forced + "\"}");
            return;
        }
        if (request.body() == null || !request.body().path("dag_run_id").isTextual() || (v2 && !request.body().has("logical_date"))) {
            send(exchange, 422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"logical_date\"]}]}");
            return;
        }
        String runId = request.body().get("dag_run_id").textValue();
        boolean fresh;
        synchronized (this) {
            fresh = runIds.add(runId);
        }
        if (!fresh) {
            send(exchange, 409, "{\"detail\":\"DAG Run with dag_run_id: '" + runId + "' already exists\"}");
            return;
        }
        send(exchange, 200, "{\"dag_run_id\":\"" + runId + "\",\"state\":\"queued\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
