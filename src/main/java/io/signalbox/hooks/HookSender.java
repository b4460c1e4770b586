package io.signalbox.hooks;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Delivers hooks at least once, and never in anyone's way: each is POSTed off the caller's thread,
 * signed when a secret is set, tried again on a connection failure, a timeout or a 5xx with
 * backoff up to a limit, and this node holds at most {@code signalbox.webhooks.queue-size} of them
 * at once (sending or waiting to retry). What is given up, or dropped for a full queue, is logged
 * at WARNING (the receiver's host only: a URL may carry a credential) and counted.
 */
@ApplicationScoped
public class HookSender {
    private static final System.Logger LOG = System.getLogger(HookSender.class.getName());
    static final String SIGNATURE = "Signalbox-Signature";
    static final String EVENT_ID = "Signalbox-Event-Id";

    @Inject
    HooksConfig config;

    @Inject
    MetricRegistry registry;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    Clock clock = Clock.systemUTC();
    private final AtomicInteger held = new AtomicInteger();
    private HttpClient http;
    private Counter sent;
    private Counter retried;
    private Counter failed;
    private Counter dropped;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Redirects are not followed: a hook goes where the operator said, nowhere else.
        http = HttpClient.newBuilder().executor(executor).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        sent = counter("signalbox.webhooks.sent", "Hooks a receiver took (2xx)");
        retried = counter("signalbox.webhooks.retried", "Hook attempts made again after a connection failure, a timeout or a 5xx");
        failed = counter("signalbox.webhooks.failed", "Hooks given up: refused (3xx, 4xx) or failing at their last attempt");
        dropped = counter("signalbox.webhooks.dropped", "Hooks not sent: this node held signalbox.webhooks.queue-size already");
        registry.gauge(Metadata.builder().withName("signalbox.webhooks.held")
                .withDescription("Hooks this node holds now, sending or waiting to retry").build(), held, AtomicInteger::get);
    }

    /** Sends {@code hook} to {@code url}, off the caller's thread; drops it when this node holds as many as it may. */
    public void send(URI url, Hook hook) {
        if (held.incrementAndGet() > config.queueSize()) {
            held.decrementAndGet();
            dropped.inc();
            LOG.log(Level.WARNING, "dropped hook {0} of {1} for {2}: {3} hooks are waiting already",
                    hook.action(), hook.fields().get("id"), url.getHost(), config.queueSize());
            return;
        }
        try {
            executor.execute(() -> attempt(url, hook, 1));
        } catch (RejectedExecutionException e) {
            // The application is stopping: what this node held goes with it, as docs/operations.md says.
            held.decrementAndGet();
            LOG.log(Level.DEBUG, "hook {0} of {1} not sent: the application stops", hook.action(), hook.fields().get("id"));
        }
    }

    /** How many hooks this node holds now. */
    public int held() {
        return held.get();
    }

    private void attempt(URI url, Hook hook, int attempt) {
        String body = hook.form();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(EVENT_ID, hook.eventId())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        config.secret().ifPresent(secret -> request.header(SIGNATURE, signature(secret, clock.instant().getEpochSecond(), body)));
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = response == null ? 0 : response.statusCode();
            if (failure == null && status < 300) {
                sent.inc();
                held.decrementAndGet();
            } else if (failure == null && status < 500) {
                giveUp(url, hook, "the receiver answered " + status);
            } else if (attempt < config.maxAttempts()) {
                retried.inc();
                scheduler.schedule(() -> attempt(url, hook, attempt + 1), config.retryAfter(attempt).toMillis(), TimeUnit.MILLISECONDS);
            } else {
                giveUp(url, hook, attempt + " attempts failed, the last with " + (failure != null ? failure.toString() : "status " + status));
            }
        });
    }

    private void giveUp(URI url, Hook hook, String why) {
        failed.inc();
        held.decrementAndGet();
        LOG.log(Level.WARNING, "gave up hook {0} of {1} (event {2}) for {3}: {4}", hook.action(), hook.fields().get("id"),
                hook.eventId(), url.getHost(), why);
    }

    /** {@code t=<seconds>,v1=<hex HMAC-SHA256 of "<seconds>.<body>">}, as docs/operations.md shows how to check. */
    static String signature(String secret, long seconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((seconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private Counter counter(String name, String description) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build());
    }
}
