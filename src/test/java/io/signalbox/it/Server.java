package io.signalbox.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Where the Liberty under test listens, and plain HTTP calls to it. */
public final class Server {
    // HTTP/1.1: the JDK's default h2c upgrade attempt is not what browsers do on plain HTTP.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(SignalingClient.TIMEOUT).build();

    private Server() {
    }

    public static URI http(String path) {
        return URI.create("http://localhost:" + System.getProperty("it.http.port", "19080") + path);
    }

    public static URI websocket() {
        return URI.create("ws://localhost:" + System.getProperty("it.http.port", "19080") + "/websocket");
    }

    public static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(http(path)).timeout(SignalingClient.TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static JsonStructure getJson(String path) {
        return Json.createReader(new StringReader(get(path).body())).read();
    }

    /** The registry sizes the server reports in its {@code signaling} health check. */
    public static JsonObject registries() {
        JsonObject health = getJson("/health/ready").asJsonObject();
        return health.getJsonArray("checks").stream()
                .map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("signaling"))
                .findFirst().orElseThrow(() -> new AssertionError("no signaling check in " + health))
                .getJsonObject("data");
    }
}
