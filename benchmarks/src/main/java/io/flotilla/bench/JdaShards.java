package io.flotilla.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.flotilla.protocol.compress.Compression;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.LoggerFactory;

/**
 * The reference of issue 16: JDA's {@link ShardManager} (all shards in one JVM, as a JDA bot runs them) against
 * the fake, its REST base URL pointed at the fake ({@link RestConfig#setBaseUrl}) and so its gateway URL taken
 * from the fake's {@code /gateway/bot}. Every intent, JDA's full cache ({@code create}: every cache flag, every
 * member cached), events counted by a listener. The count is dispatches handled: the sum of each shard's last
 * seq ({@link JDA#getResponseTotal}); JDA handles a dispatch on the shard's reading thread before the next.
 * WARN and ERROR lines JDA logs are counted too: JDA logs and drops an event it fails to parse.
 *
 * <p>Thread-safe to read; JDA runs its own threads.
 */
final class JdaShards implements Contender {
    private final ShardManager manager;
    private final LongAdder events;
    private final LongAdder warnings;

    private JdaShards(ShardManager manager, LongAdder events, LongAdder warnings) {
        this.manager = manager;
        this.events = events;
        this.warnings = warnings;
    }

    /** Builds the ShardManager and waits (up to 60 s) until every shard is CONNECTED. */
    static JdaShards start(URI gateway, String token, int shards, Compression compression) throws InterruptedException {
        LongAdder warnings = countWarnings();
        LongAdder events = new LongAdder();
        String rest = "http://" + gateway.getHost() + ":" + gateway.getPort() + "/api/v10/";
        ShardManager manager = DefaultShardManagerBuilder.create(
                        token, GatewayIntent.getIntents(GatewayIntent.ALL_INTENTS))
                .setRestConfig(new RestConfig().setBaseUrl(rest))
                .setShardsTotal(shards)
                .setCompression(
                        compression == Compression.NONE
                                ? net.dv8tion.jda.api.utils.Compression.NONE
                                : net.dv8tion.jda.api.utils.Compression.ZLIB)
                .addEventListeners((EventListener) (GenericEvent event) -> events.increment())
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (manager.getShardsRunning() < shards
                || !manager.getShards().stream().allMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED)) {
            if (System.nanoTime() > deadline) {
                manager.shutdown();
                throw new IllegalStateException(
                        "JDA's shards did not all connect within 60 s: " + manager.getStatuses());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return new JdaShards(manager, events, warnings);
    }

    @Override
    public long count() {
        long sum = 0;
        for (JDA shard : manager.getShards()) {
            sum += Math.max(0, shard.getResponseTotal());
        }
        return sum;
    }

    @Override
    public String note() {
        return String.format(
                Locale.ROOT,
                "JDA fired %,d events for %,d dispatches; %,d WARN/ERROR lines logged",
                events.sum(),
                count(),
                warnings.sum());
    }

    @Override
    public void close() {
        manager.shutdown();
    }

    /** Counts WARN and ERROR lines logged in this JVM (JDA drops events it cannot parse, with a log line). */
    private static LongAdder countWarnings() {
        LongAdder count = new LongAdder();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                    count.increment();
                }
            }
        };
        counter.setContext(root.getLoggerContext());
        counter.start();
        root.addAppender(counter);
        return count;
    }
}
