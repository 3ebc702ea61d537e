package io.flotilla.node.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What answers one method and path. Runs on the HTTP server's single event loop, so it must not block: a route that
 * reads Redis or waits for anything returns a stage that completes later (on any thread); the server writes the
 * answer when it does. A route that fails (or whose stage fails) is answered 500 with the error's message.
 */
@FunctionalInterface
public interface Route {
    CompletionStage<HttpAnswer> answer(HttpAsk ask);

    /** A route whose answer is computed at once, cheaply, on the loop (no I/O, no lock held long). */
    static Route now(java.util.function.Function<HttpAsk, HttpAnswer> answer) {
        return ask -> CompletableFuture.completedFuture(answer.apply(ask));
    }
}
