package io.dualuse.screening.wire;

import com.sun.net.httpserver.HttpServer;
import io.dualuse.screening.order.event.OrderEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registration's conversation with the registry's v3 API, against a scripted local HTTP server
 * (the real registry answers the same in RegistryModeContainerTest, which needs Docker).
 */
class SchemaRegistrationTest {

    /** One scripted answer: the request it expects (method and path) and the status and body to send. */
    private record Answer(String request, int status, String body) {
    }

    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<String> received = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private HttpServer server;

    private String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            try (InputStream in = exchange.getRequestBody()) {
                synchronized (received) {
                    received.add(request);
                    bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Answer a = script.poll();
            int status = a != null && a.request().equals(request) ? a.status() : 500;
            byte[] body = (a != null && status != 500 ? a.body() : "{\"detail\":\"unexpected " + request + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static final String ARTIFACT = "/apis/registry/v3/groups/default/artifacts/io.dualuse.screening.order.event.OrderEvent";
    private static final String CREATE = "POST /apis/registry/v3/groups/default/artifacts?ifExists=FIND_OR_CREATE_VERSION";
    private static final String CREATED = "{\"version\":{\"contentId\":42,\"globalId\":7}}";

    @Test
    void aNewArtifactIsCreatedWithTheSchemaTheSerdeSendsAndThenGetsTheBackwardRule() throws IOException {
        String url = start();
        script.add(new Answer("GET " + ARTIFACT, 404, "{}"));
        script.add(new Answer(CREATE, 200, CREATED));
        script.add(new Answer("POST " + ARTIFACT + "/rules", 204, ""));

        long contentId = new SchemaRegistration(url + "/apis/registry/v3").register(OrderEvent.getClassSchema());

        assertThat(contentId).isEqualTo(42);
        assertThat(received).containsExactly("GET " + ARTIFACT, CREATE, "POST " + ARTIFACT + "/rules");
        assertThat(bodies.get(1)).contains("\"artifactId\":\"io.dualuse.screening.order.event.OrderEvent\"", "\"artifactType\":\"AVRO\"")
                .contains(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(OrderEvent.getClassSchema().toString()));
        assertThat(bodies.get(2)).isEqualTo(SchemaRegistration.RULE).contains("BACKWARD");
    }

    @Test
    void anExistingArtifactGetsTheRuleBeforeTheNewVersionIsChecked() throws IOException {
        String url = start(); // the base URL works too: the v3 path is added
        script.add(new Answer("GET " + ARTIFACT, 200, "{}"));
        script.add(new Answer("POST " + ARTIFACT + "/rules", 409, "{\"detail\":\"rule exists\"}"));
        script.add(new Answer("PUT " + ARTIFACT + "/rules/COMPATIBILITY", 200, SchemaRegistration.RULE));
        script.add(new Answer(CREATE, 200, CREATED));

        new SchemaRegistration(url).register(OrderEvent.getClassSchema());

        assertThat(received).containsExactly("GET " + ARTIFACT, "POST " + ARTIFACT + "/rules",
                "PUT " + ARTIFACT + "/rules/COMPATIBILITY", CREATE);
        assertThat(bodies.get(2)).contains("BACKWARD");
    }

    @Test
    void aRefusedSchemaStopsTheRegistrationWithTheRegistrysReason() throws IOException {
        String url = start();
        script.add(new Answer("GET " + ARTIFACT, 200, "{}"));
        script.add(new Answer("POST " + ARTIFACT + "/rules", 204, ""));
        script.add(new Answer(CREATE, 409, "{\"title\":\"Rule violation\",\"detail\":\"Incompatible artifact: "
                + "io.dualuse.screening.order.event.OrderEvent\",\"causes\":[{\"description\":\"reader field incoterm has no default\"}]}"));

        assertThatThrownBy(() -> new SchemaRegistration(url).register(OrderEvent.getClassSchema()))
                .isInstanceOf(SchemaRegistration.Refused.class)
                .hasMessageContaining("HTTP 409").hasMessageContaining("Incompatible artifact")
                .hasMessageContaining("incoterm has no default");
    }

    @Test
    void anUnreachableRegistryFailsAtOnceAndSaysWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new SchemaRegistration("http://127.0.0.1:" + closedPort).register(OrderEvent.getClassSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http://127.0.0.1:" + closedPort + "/apis/registry/v3 is unreachable")
                .hasMessageContaining("screening.wire.format=single-object");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until failure").isLessThan(5_000);
    }
}
