package io.flotilla.node.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo's main in this JVM with {@code --kill-after 8s} on a free port: its output shows the dashboard URL of
 * node-a (it answers {@code /api/cluster} with the 16 shards), every shard READY, the summary, the kill, each of the killed node's shards RESUMED on a survivor, the restart and a placement with
 * node-b again; after the stop no process it started is alive and its temp folder is gone.
 */
class DemoIT {
    private static final Pattern KILL = Pattern.compile("SIGKILL node-b \\(pid \\d+\\); it ran shards \\[([0-9, ]*)]");
    /** The placement after the restart: node-b runs shards again. */
    private static final Pattern REBALANCED =
            Pattern.compile("restarting node-b[\\s\\S]*all 16 shards running: node-a \\d+, node-b \\d+, node-c \\d+");

    private static final Pattern DASHBOARD = Pattern.compile("dashboard (http://127\\.0\\.0\\.1:\\d+/) ");

    private static final Pattern FOLDER = Pattern.compile("AOF and log in (\\S+)\\)");

    @Test
    void aWholeClusterStartsFailsOverAndStopsCleanly() throws Exception {
        // Processes of other tests in this JVM (the shared test Redis) are not the demo's.
        java.util.Set<Long> before = ProcessHandle.current()
                .descendants()
                .map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        int[] code = {-1};
        Thread demo = Thread.ofPlatform().name("demo").start(() -> {
            try {
                code[0] = DemoMain.run(new String[] {"--kill-after", "8s", "--port", "0"}, out, out, stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        String text = text(bytes);
                        return KILL.matcher(text).find()
                                && REBALANCED.matcher(text).find();
                    });
            // The printed dashboard answers, and so does the JSON it polls.
            Matcher url = DASHBOARD.matcher(text(bytes));
            assertThat(url.find()).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> api = http.send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "api/cluster"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            assertThat(api.body()).contains("\"shard_count\":16");
        } finally {
            stop.countDown();
            demo.join(TimeUnit.SECONDS.toMillis(60));
        }
        String text = text(bytes);
        System.out.print(text); // the demo's terminal, in the test report
        assertThat(demo.isAlive()).as(text).isFalse();
        assertThat(code[0]).as(text).isZero();
        for (int shard = 0; shard < DemoOptions.SHARDS; shard++) {
            assertThat(text).as(text).containsPattern("shard " + shard + "/16 READY on node-[abc]");
        }
        assertThat(text).containsPattern("all 16 shards running: node-a \\d+, node-b \\d+, node-c \\d+");
        Matcher kill = KILL.matcher(text);
        assertThat(kill.find()).isTrue();
        List<Integer> killed = shards(kill.group(1));
        assertThat(killed).as(text).isNotEmpty();
        for (int shard : killed) {
            assertThat(text)
                    .as(text)
                    .containsPattern("shard " + shard + " RESUMED on node-[ac] \\(\\d+\\.\\d s after the kill\\)");
        }
        // A stopped process may take a moment to be reaped on a loaded machine; none may stay.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(ProcessHandle.current()
                                .descendants()
                                .filter(ProcessHandle::isAlive)
                                .filter(handle -> !before.contains(handle.pid()))
                                .map(handle -> handle.pid() + " "
                                        + handle.info().commandLine().orElse("?"))
                                .toList())
                        .as("processes left behind")
                        .isEmpty());
        Matcher folder = FOLDER.matcher(text);
        assertThat(folder.find()).isTrue();
        assertThat(Files.exists(Path.of(folder.group(1))))
                .as("temp folder deleted")
                .isFalse();
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static List<Integer> shards(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .toList();
    }
}
