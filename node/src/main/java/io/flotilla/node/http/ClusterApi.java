package io.flotilla.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.status.ClusterSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/cluster}: the whole cluster as {@link ClusterSnapshot#toJson} (what the dashboard polls and
 * {@code flotilla status --json} prints; no secret in it), from the probe's {@link SnapshotCache}. The JSON of the
 * last snapshot is kept, so many pollers of one cached read render it once. {@code 503 {"error": ...}} while the node
 * starts or when Redis cannot be read, so the page can say which.
 *
 * <p>Thread-safe: the rendered answer is swapped atomically; it runs on the HTTP loop or the reading thread.
 */
final class ClusterApi implements Route {
    private final Supplier<NodeProbe> probe;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<@Nullable Rendered> last = new AtomicReference<>();

    ClusterApi(Supplier<NodeProbe> probe) {
        this.probe = probe;
    }

    @Override
    public CompletionStage<HttpAnswer> answer(HttpAsk ask) {
        return probe.get().cluster().handle((snapshot, error) -> snapshot != null ? render(snapshot) : failed(error));
    }

    private HttpAnswer render(ClusterSnapshot snapshot) {
        Rendered rendered = last.get();
        if (rendered == null || rendered.snapshot() != snapshot) {
            byte[] body = (snapshot.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8);
            rendered = new Rendered(snapshot, new HttpAnswer(200, HttpAnswer.JSON_TYPE, body));
            last.set(rendered);
        }
        return rendered.answer();
    }

    private static HttpAnswer failed(@Nullable Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String why = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        if (cause instanceof IllegalStateException) {
            return HttpAnswer.error(503, why); // the node is starting: it says so itself
        }
        return HttpAnswer.error(503, "the node cannot read the cluster from Redis: " + why);
    }

    /** A snapshot and its answer (identity: the cache hands out the same snapshot until it reads again). */
    private record Rendered(ClusterSnapshot snapshot, HttpAnswer answer) {}
}
