package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event stream's mix and intents. Also the throughput check: run {@code main} by hand for a figure; the
 * test only makes sure 100,000 events come out.
 */
class EventMixTest {

    @Test
    void aHundredThousandEventsFollowTheIntendedMix() {
        World world = World.generate(new WorldOptions(8, 4, 4, 200, 10, 6));
        EventGenerator events = world.events(2, 4);
        Map<EventKind, Integer> counts = new EnumMap<>(EventKind.class);
        long bytes = 0;
        for (int i = 0; i < 100_000; i++) {
            Dispatch dispatch = events.next();
            EventKind kind = EventKind.valueOf(dispatch.type());
            assertThat(dispatch.requiredIntents()).isEqualTo(kind.intents());
            counts.merge(kind, 1, Integer::sum);
            bytes += dispatch.data().length;
        }
        assertThat(bytes).isPositive();
        // MESSAGE_CREATE also stands in for events that find nothing to act on, so it runs a little over 55%.
        assertThat(share(counts, EventKind.MESSAGE_CREATE)).isBetween(0.54, 0.62);
        assertThat(share(counts, EventKind.TYPING_START)).isBetween(0.08, 0.10);
        assertThat(share(counts, EventKind.PRESENCE_UPDATE)).isBetween(0.07, 0.09);
        assertThat(share(counts, EventKind.GUILD_MEMBER_ADD)).isBetween(0.015, 0.025);
        assertThat(counts).containsOnlyKeys(EventKind.values());
    }

    @Test
    void intentsFollowTheGatewayTable() {
        assertThat(EventKind.MESSAGE_CREATE.intents()).isEqualTo(512);
        assertThat(EventKind.MESSAGE_DELETE_BULK.intents()).isEqualTo(512);
        assertThat(EventKind.PRESENCE_UPDATE.intents()).isEqualTo(256);
        assertThat(EventKind.GUILD_MEMBER_REMOVE.intents()).isEqualTo(2);
        assertThat(EventKind.TYPING_START.intents()).isEqualTo(2048);
        assertThat(EventKind.MESSAGE_REACTION_ADD.intents()).isEqualTo(1024);
        assertThat(EventKind.VOICE_STATE_UPDATE.intents()).isEqualTo(128);
        assertThat(EventKind.GUILD_EMOJIS_UPDATE.intents()).isEqualTo(8);
        assertThat(EventKind.THREAD_DELETE.intents()).isEqualTo(1);
        assertThat(EventKind.CHANNEL_PINS_UPDATE.intents()).isEqualTo(1);
    }

    private static double share(Map<EventKind, Integer> counts, EventKind kind) {
        return counts.getOrDefault(kind, 0) / 100_000.0;
    }

    /** A by-hand throughput figure: {@code java -cp ... io.flotilla.fake.world.EventMixTest}. */
    public static void main(String[] args) {
        World world = World.generate(new WorldOptions(8, 4, 4, 200, 10, 6));
        EventGenerator events = world.events(2, 4);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            for (int i = 0; i < 1_000_000; i++) {
                bytes += events.next().data().length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(
                    "%,.0f events/s wall, %,.0f events/s of CPU time, %d bytes on average%n",
                    1_000_000 / seconds, 1_000_000 / cpuSeconds, bytes / 1_000_000);
        }
    }
}
