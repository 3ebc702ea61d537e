package io.flotilla.bench;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.EventGenerator;
import io.flotilla.fake.world.World;
import io.flotilla.fake.world.WorldOptions;
import io.flotilla.protocol.Intents;
import io.flotilla.protocol.compress.Compression;
import io.flotilla.protocol.compress.TransportInflater;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a shard spends per received event: transport inflate plus envelope parse (op, s, t read; d left as a
 * span), over a corpus from the fake's world: the GUILD_CREATEs of one shard's guilds followed by generated
 * events (messages, presences, members, voice, ...), each wrapped in a dispatch envelope. The compressed modes
 * replay the corpus as one connection's stream (one deflate/zstd context, a flush per payload, as Discord sends
 * it), so every invocation decodes the whole corpus with a fresh inflater.
 *
 * <p>Primary score: events/s. The {@code payloadBytes} counter is the uncompressed JSON decoded per second (divide
 * by 10^6 for MB/s). Run: {@code java -jar benchmarks/target/benchmarks.jar GatewayDecodeBenchmark -f1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GatewayDecodeBenchmark {
    static final int EVENTS = 4000;
    private static final int GUILDS = 8;

    @Param({"none", "zlib-stream", "zstd-stream"})
    public String compression = "none";

    private Compression mode = Compression.NONE;
    private List<byte[]> messages = List.of();
    private long corpusBytes;
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();

    /** Uncompressed payload bytes decoded, reported by JMH as a rate next to the events/s score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long payloadBytes;
    }

    @Setup(Level.Trial)
    public void buildCorpus() throws IOException {
        mode = switch (compression) {
            case "zlib-stream" -> Compression.ZLIB_STREAM;
            case "zstd-stream" -> Compression.ZSTD_STREAM;
            default -> Compression.NONE;
        };
        List<byte[]> payloads = payloads();
        corpusBytes = payloads.stream().mapToLong(p -> p.length).sum();
        messages = switch (mode) {
            case NONE -> payloads;
            case ZLIB_STREAM -> zlibStream(payloads);
            case ZSTD_STREAM -> zstdStream(payloads);
        };
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long inflateAndParse(Throughput throughput) {
        long checksum = 0;
        try (TransportInflater inflater = mode.newInflater()) {
            for (byte[] message : messages) {
                int length = inflater.feed(message, 0, message.length);
                if (length >= 0) {
                    Envelope envelope = decoder.decode(inflater.output(), 0, length);
                    checksum += envelope.seq() + envelope.dataLength();
                }
            }
        }
        throughput.payloadBytes += corpusBytes;
        return checksum;
    }

    /** GUILD_CREATEs for the guilds of shard 0, then generated events, as JSON envelopes with s = 1, 2, .... */
    static List<byte[]> payloads() {
        World world = World.generate(new WorldOptions(7, 1, GUILDS, 300, 20, 12));
        List<byte[]> payloads = new ArrayList<>(EVENTS);
        int intents = (int) Intents.KNOWN;
        for (String guild : world.guildIds(0, 1)) {
            payloads.add(envelope(payloads.size() + 1, "GUILD_CREATE", world.guildCreate(guild, intents, 250)));
        }
        EventGenerator events = world.events(0, 1);
        while (payloads.size() < EVENTS) {
            Dispatch next = events.next();
            payloads.add(envelope(payloads.size() + 1, next.type(), next.data()));
        }
        return payloads;
    }

    private static byte[] envelope(long seq, String type, byte[] data) {
        byte[] head = ("{\"t\":\"" + type + "\",\"s\":" + seq + ",\"op\":0,\"d\":").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + data.length + 1);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 1] = '}';
        return out;
    }

    private static List<byte[]> zlibStream(List<byte[]> payloads) {
        Deflater deflater = new Deflater();
        List<byte[]> out = new ArrayList<>(payloads.size());
        byte[] buffer = new byte[1 << 20];
        for (byte[] payload : payloads) {
            deflater.setInput(payload);
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                message.write(buffer, 0, n);
            } while (n == buffer.length);
            out.add(message.toByteArray());
        }
        deflater.end();
        return out;
    }

    private static List<byte[]> zstdStream(List<byte[]> payloads) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<byte[]> out = new ArrayList<>(payloads.size());
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(sink)) {
            for (byte[] payload : payloads) {
                sink.reset();
                zstd.write(payload);
                zstd.flush();
                out.add(sink.toByteArray());
            }
        }
        return out;
    }
}
