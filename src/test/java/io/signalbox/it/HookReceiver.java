package io.signalbox.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on loopback (the JDK's HttpServer): it keeps every request it gets, answers
 * 200, or 500 to the first request a test names, or holds requests unanswered (at most a minute)
 * while a test hangs it.
 */
final class HookReceiver implements AutoCloseable {

    /** One request: its path, its headers (lower-case names, first value) and its form fields. */
    record Request(String path, Map<String, String> headers, String body, Map<String, String> fields) {
        String field(String name) {
            return fields.get(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Predicate<Request> failOnce = request -> false;
    private volatile CountDownLatch hanging = new CountDownLatch(0);

    private HookReceiver(HttpServer server) {
        this.server = server;
    }

    static HookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HookReceiver receiver = new HookReceiver(server);
        server.createContext("/hook", receiver::handle);
        server.setExecutor(receiver.threads);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The requests so far that pass {@code test}. */
    List<Request> requests(Predicate<Request> test) {
        return requests.stream().filter(test).toList();
    }

    /** Answers 500 to the first request that passes {@code test}, 200 afterwards. */
    void failOnce(Predicate<Request> test) {
        failOnce = test;
    }

    /** Holds every request unanswered until {@link #release()}. */
    void hang() {
        hanging = new CountDownLatch(1);
    }

    void release() {
        hanging.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        Request request = new Request(exchange.getRequestURI().getPath(), headers, body, fields);
        requests.add(request);
        try {
            hanging.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = 200;
        if (failOnce.test(request)) {
            failOnce = r -> false;
            status = 500;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
