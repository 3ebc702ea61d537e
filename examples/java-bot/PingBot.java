import io.flotilla.worker.Event;
import io.flotilla.worker.GatewayCommands;
import io.flotilla.worker.Keys;
import io.flotilla.worker.Presence;
import io.flotilla.worker.Worker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.HashMap;
import java.util.Map;

/**
 * Example bot on the Flotilla worker SDK: counts messages per guild and answers "!ping" by changing the bot's
 * presence on every shard. Run it from its source file with the SDK on the class path (no compile step):
 *
 * <pre>
 * ./mvnw -q -pl worker -am install -DskipTests
 * ./mvnw -q -pl worker dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -cp "$(cat worker/target/classpath.txt):worker/target/classes" examples/java-bot/PingBot.java
 * </pre>
 *
 * Environment: REDIS_URL (redis://127.0.0.1:6379), GROUP_NAME (the nodes' cluster group, "flotilla"),
 * KEY_PREFIX ("g"), QUEUE_PREFIX ("discord"), CONSUMER (this process's stable name, "ping-bot-1").
 */
public final class PingBot {
    private final Map<String, Long> messagesPerGuild = new HashMap<>();
    private final GatewayCommands commands;

    private PingBot(GatewayCommands commands) {
        this.commands = commands;
    }

    private void onMessage(Event event) {
        var message = event.json();
        String guild = event.guildId().orElse("DM");
        long count = messagesPerGuild.merge(guild, 1L, Long::sum);
        System.out.println("guild " + guild + ": " + count + " messages");
        if (message.path("content").asText().equals("!ping")) {
            commands.presenceAll(Presence.online(Presence.Activity.playing("pong")));
            System.out.println("pong: presence changed on every shard");
        }
    }

    public static void main(String[] args) {
        Keys keys = new Keys(env("KEY_PREFIX", "g"), env("QUEUE_PREFIX", "discord"), env("GROUP_NAME", "flotilla"));
        RedisClient client = RedisClient.create(env("REDIS_URL", "redis://127.0.0.1:6379"));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            PingBot bot = new PingBot(new GatewayCommands(connection, keys));
            try (Worker worker = Worker.builder(client, keys, "ping-bot", env("CONSUMER", "ping-bot-1"))
                    .on("MESSAGE_CREATE", bot::onMessage)
                    .build()) {
                Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
                System.out.println("ping-bot ready");
                worker.run();
            }
        } finally {
            client.shutdown();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
