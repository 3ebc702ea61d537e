package io.flotilla.cluster.commit;

import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.EventGenerator;
import io.flotilla.fake.world.World;
import io.flotilla.fake.world.WorldOptions;
import io.flotilla.worker.Keys;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a lane and Lettuce's event loop spend per event to turn a batch into the bytes of its commit script call,
 * cache off: 256 events from the fake's world (seed 7, as in {@link io.flotilla.bench.GatewayDecodeBenchmark}),
 * each with its stream key, seq, t, d and received-at, then the header, encoded into a direct buffer as Lettuce's
 * event loop writes it. Two ways, side by side: {@code preEncoded}, {@link CommitArguments} as {@link
 * BatchTransaction} builds it now (RESP written while the events are added, copied once by the event loop), and
 * {@code perArgument}, the same call as one byte array per argument handed to Lettuce's {@link CommandArgs}, as
 * before (issue 16). Score: events/s; with {@code -prof gc}, bytes allocated per event.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar CommitArgumentsBenchmark -f1 -wi 2 -i 3 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommitArgumentsBenchmark {
    static final int BATCH = 256;
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final long AT = 1_764_000_000_000L;

    private final Keys keys = Keys.defaults("bench");
    private List<Dispatch> events = List.of();
    private final byte[] owner = "bench".getBytes(StandardCharsets.UTF_8);
    private ByteBuf out = Unpooled.EMPTY_BUFFER;
    private long seq;

    @Setup(Level.Trial)
    public void corpus() {
        World world = World.generate(new WorldOptions(7, 1, 8, 300, 20, 12));
        EventGenerator generator = world.events(0, 1);
        List<Dispatch> list = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            list.add(generator.next());
        }
        events = list;
        out = ByteBufAllocator.DEFAULT.directBuffer(1 << 20);
    }

    @TearDown(Level.Trial)
    public void release() {
        out.release();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int preEncoded() {
        out.clear();
        arguments().encoded(CommitScript.SCRIPT.sha()).encode(out);
        return out.writerIndex();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int perArgument() {
        List<String> keyList = new ArrayList<>(List.of(keys.session(0), keys.session(0), keys.guilds(0)));
        Map<String, Integer> index = new HashMap<>();
        index.put(keys.guilds(0), 3);
        List<byte[]> events = new ArrayList<>(BATCH * 5);
        long first = seq + 1;
        for (Dispatch event : this.events) {
            int key = index.computeIfAbsent(keys.events(event.type()), k -> {
                keyList.add(k);
                return keyList.size();
            });
            events.add(CommitArguments.ascii(key));
            events.add(CommitArguments.ascii(++seq));
            events.add(event.type().getBytes(StandardCharsets.UTF_8));
            events.add(event.data());
            events.add(CommitArguments.ascii(AT + seq));
        }
        byte[] empty = new byte[0];
        List<byte[]> argv = new ArrayList<>(List.of(
                empty,
                "session".getBytes(StandardCharsets.UTF_8),
                CommitArguments.ascii(0),
                CommitArguments.ascii(1),
                CommitArguments.ascii(0),
                CommitArguments.ascii(first),
                CommitArguments.ascii(seq),
                CommitArguments.ascii(0),
                CommitArguments.ascii(16),
                owner,
                CommitArguments.ascii(AT),
                empty,
                CommitArguments.ascii(0),
                CommitArguments.ascii(0),
                empty,
                empty,
                CommitArguments.ascii(BATCH),
                CommitArguments.ascii(0)));
        argv.addAll(events);
        CommandArgs<String, byte[]> command = new CommandArgs<>(CODEC)
                .add(CommitScript.SCRIPT.sha())
                .add(keyList.size())
                .addKeys(keyList)
                .addValues(argv);
        out.clear();
        command.encode(out);
        return out.writerIndex();
    }

    private CommitArguments arguments() {
        CommitArguments args = new CommitArguments(keys.session(0), "", keys.guilds(0), BATCH);
        long first = seq + 1;
        for (Dispatch event : events) {
            args.event(
                    keys.events(event.type()),
                    ++seq,
                    event.type().getBytes(StandardCharsets.UTF_8),
                    event.data(),
                    AT + seq);
        }
        args.header(1, new byte[0]);
        args.header(2, "session".getBytes(StandardCharsets.UTF_8));
        args.header(3, CommitArguments.ascii(0));
        args.header(4, CommitArguments.ascii(1));
        args.flag(5, false);
        args.header(6, CommitArguments.ascii(first));
        args.header(7, CommitArguments.ascii(seq));
        args.header(8, CommitArguments.ascii(0));
        args.header(9, CommitArguments.ascii(16));
        args.header(10, owner);
        args.header(11, CommitArguments.ascii(AT));
        args.header(12, new byte[0]);
        args.header(13, CommitArguments.ascii(0));
        args.header(15, new byte[0]);
        args.header(16, new byte[0]);
        return args;
    }
}
