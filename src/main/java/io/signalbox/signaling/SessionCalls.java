package io.signalbox.signaling;

import io.signalbox.cluster.Nodes;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Work on one session, done where the session lives and answered to whoever asked: on its own
 * node (which holds its media on the media server), on its lane (after what was queued there
 * before), whichever node the request came to. What a caller waits for is bounded: a node that
 * does not answer in time (it died, or its media server hangs) is media_server_unavailable.
 */
@ApplicationScoped
public class SessionCalls {
    private static final System.Logger LOG = System.getLogger(SessionCalls.class.getName());

    @Inject
    Nodes nodes;

    @Inject
    SessionDirectory directory;

    private final Map<String, BiFunction<SessionId, String, String>> operations = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        directory.onCalls(this::received);
    }

    /** Who runs {@code operation} on this node: given the session and the argument, it returns the result. */
    public void on(String operation, BiFunction<SessionId, String, String> handler) {
        operations.put(operation, handler);
    }

    /**
     * Runs {@code operation} on {@code session}'s node and lane; completes with its result, or
     * with the {@link SignalingException} it failed with, or media_server_unavailable after
     * {@code timeout}.
     */
    public CompletableFuture<String> call(SessionId session, String operation, String argument, Duration timeout) {
        if (!nodes.isRemote(session)) {
            return here(session, () -> run(session, operation, argument), timeout);
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        CompletableFuture<String> bounded = bounded(answer, session, timeout);
        bounded.whenComplete((result, failure) -> waiting.remove(id));
        nodes.send(session.node().orElseThrow(), new Delivery.Call(session.value(), id, nodes.self(), operation, argument));
        return bounded;
    }

    /** Runs {@code work} on {@code session}'s lane on this node; completes as {@link #call} does. */
    public <T> CompletableFuture<T> here(SessionId session, Supplier<T> work, Duration timeout) {
        CompletableFuture<T> done = new CompletableFuture<>();
        directory.inLane(session, () -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return bounded(done, session, timeout);
    }

    private String run(SessionId session, String operation, String argument) {
        BiFunction<SessionId, String, String> handler = operations.get(operation);
        if (handler == null) {
            throw new IllegalStateException("no operation " + operation + " on this node");
        }
        return handler.apply(session, argument);
    }

    private void received(Delivery delivery) {
        if (delivery instanceof Delivery.Call call) {
            directory.inLane(call.session(), () -> {
                Delivery.Answer answer;
                try {
                    answer = new Delivery.Answer(call.id(), run(call.session(), call.operation(), call.argument()), null, null);
                } catch (SignalingException e) {
                    answer = new Delivery.Answer(call.id(), null, e.definition().wireName(), e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "call " + call.operation() + " on " + call.to() + " failed", e);
                    answer = new Delivery.Answer(call.id(), null, ErrorDefinition.SERVER_ERROR.wireName(), e.toString());
                }
                nodes.send(call.replyTo(), answer);
            });
        } else if (delivery instanceof Delivery.Answer answer) {
            CompletableFuture<String> asked = waiting.remove(answer.to());
            if (asked == null) {
                LOG.log(Level.DEBUG, "an answer came after its call gave up: {0}", answer.to());
            } else if (answer.error() == null) {
                asked.complete(answer.result());
            } else {
                asked.completeExceptionally(new SignalingException(
                        ErrorDefinition.byWireName(answer.error()).orElse(ErrorDefinition.SERVER_ERROR), answer.detail()));
            }
        }
    }

    /** {@code future}, failed with media_server_unavailable naming {@code session} once {@code timeout} has passed. */
    private static <T> CompletableFuture<T> bounded(CompletableFuture<T> future, SessionId session, Duration timeout) {
        CompletableFuture<T> bounded = new CompletableFuture<>();
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((result, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause == null) {
                bounded.complete(result);
            } else if (cause instanceof TimeoutException) {
                bounded.completeExceptionally(new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE,
                        "no answer for " + session + " within " + timeout));
            } else {
                bounded.completeExceptionally(cause);
            }
        });
        return bounded;
    }
}
