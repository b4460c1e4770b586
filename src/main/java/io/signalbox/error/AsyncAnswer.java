package io.signalbox.error;

import jakarta.ws.rs.container.AsyncResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** How a REST call that waits for other work (another node, Janus) answers once that work is done. */
public final class AsyncAnswer {
    private AsyncAnswer() {
    }

    /**
     * Resumes {@code response} with what {@code answered} makes of the result (an entity or a
     * {@code Response}), or with the error it failed with, unwrapped, for the exception mappers.
     */
    public static <T> void resume(AsyncResponse response, CompletionStage<T> result, Function<T, ?> answered) {
        result.whenComplete((value, failure) -> {
            if (failure == null) {
                response.resume(answered.apply(value));
            } else {
                response.resume(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
        });
    }
}
