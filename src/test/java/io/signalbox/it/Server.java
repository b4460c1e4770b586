package io.signalbox.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
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
    /**
     * An admin token minted for each call: a token lives 10 minutes (TestKeys), and one test JVM
     * runs every class of an execution, for longer than that.
     */
    private static String admin() {
        return TestKeys.caller("test-admin", "admin");
    }

    private Server() {
    }

    /** The port of the server Arquillian manages. */
    public static final int PORT = Integer.parseInt(System.getProperty("it.http.port", "19080"));

    public static URI http(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    public static URI websocket() {
        return websocket("");
    }

    /** The signaling endpoint with a query string, such as {@code ?token=...}. */
    public static URI websocket(String query) {
        return URI.create("ws://localhost:" + System.getProperty("it.http.port", "19080") + "/websocket" + query);
    }

    /** GET as an admin: the REST API wants an admin token, and other paths ignore it. */
    public static HttpResponse<String> get(String path) {
        return request("GET", path, null, admin());
    }

    /** POST a JSON body as an admin. */
    public static HttpResponse<String> post(String path, String json) {
        return request("POST", path, json, admin());
    }

    /** DELETE as an admin. */
    public static HttpResponse<String> delete(String path) {
        return request("DELETE", path, null, admin());
    }

    public static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A request with {@code token} as its bearer token, or with no {@code Authorization} header when null. */
    public static HttpResponse<String> request(String method, String path, String json, String token) {
        return requestWithAuthorization(method, path, json, token == null ? null : "Bearer " + token);
    }

    /** A request with this {@code Authorization} header, or none when null. */
    public static HttpResponse<String> requestWithAuthorization(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(SignalingClient.TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
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
        return registries(getJson("/health/ready").asJsonObject());
    }

    /** The registry sizes another server on {@code port} reports, such as one node of a cluster. */
    public static JsonObject registriesAt(int port) {
        return healthDataAt(port, "signaling");
    }

    /** The data of the check called {@code name} on the server on {@code port}, numbers as numbers on both servers. */
    public static JsonObject healthDataAt(int port, String name) {
        return numbers(healthCheckAt(port, name).getJsonObject("data"));
    }

    /** The check called {@code name} in the {@code /health/ready} of the server on {@code port}. */
    public static JsonObject healthCheckAt(int port, String name) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                .timeout(SignalingClient.TIMEOUT).build();
        JsonObject health;
        try {
            health = Json.createReader(new StringReader(HTTP.send(request, HttpResponse.BodyHandlers.ofString())
                    .body())).readObject();
        } catch (IOException e) {
            throw new AssertionError("no health from port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return check(health, name);
    }

    private static JsonObject registries(JsonObject health) {
        return numbers(check(health, "signaling").getJsonObject("data"));
    }

    /**
     * A check's data with every value written as a string of digits read as the number it is:
     * Payara writes every health data value as a string (protocol §13; PayaraMicroIT pins that
     * with the raw data from {@link #healthCheckAt}), so the same assertions hold on both servers.
     */
    private static JsonObject numbers(JsonObject data) {
        JsonObjectBuilder read = Json.createObjectBuilder();
        data.forEach((key, value) -> {
            if (value instanceof JsonString text && text.getString().matches("-?[0-9]{1,18}")) {
                read.add(key, Long.parseLong(text.getString()));
            } else {
                read.add(key, value);
            }
        });
        return read.build();
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream()
                .map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " check in " + health));
    }
}
