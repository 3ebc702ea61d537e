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
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

/**
 * What a lane spends per event to turn a batch into its commit script call, cache off: the {@link
 * CommitArguments} of 256 events as {@link BatchTransaction} builds them (stream key, seq, t, d, received-at per
 * event, then the header), and then Lettuce's encoding of those keys and arguments into RESP bytes (what its event
 * loop does before the write). Events from the fake's world (seed 7), as in {@link
 * io.flotilla.bench.GatewayDecodeBenchmark}. Score: events/s; with {@code -prof gc}, bytes allocated per event.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar CommitArgumentsBenchmark -f1 -wi 2 -i 3 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommitArgumentsBenchmark {
    static final int BATCH = 256;
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final Keys keys = Keys.defaults("bench");
    private List<Dispatch> events = List.of();
    private final byte[] owner = "bench".getBytes(StandardCharsets.UTF_8);
    private ByteBuf out = Unpooled.buffer();
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
        out = Unpooled.buffer(1 << 20);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] buildArguments() {
        return arguments().argv();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int buildAndEncode() {
        CommitArguments args = arguments();
        CommandArgs<String, byte[]> command =
                new CommandArgs<>(CODEC).addKeys(args.keys()).addValues(args.argv());
        out.clear();
        command.encode(out);
        return out.writerIndex();
    }

    private CommitArguments arguments() {
        CommitArguments args = new CommitArguments(keys.session(0), "", keys.guilds(0));
        long first = seq + 1;
        for (Dispatch event : events) {
            args.event(
                    keys.events(event.type()),
                    CommitArguments.ascii(++seq),
                    event.type().getBytes(StandardCharsets.UTF_8),
                    event.data(),
                    CommitArguments.ascii(1_764_000_000_000L + seq));
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
        args.header(11, CommitArguments.ascii(1_764_000_000_000L));
        args.header(12, new byte[0]);
        args.header(13, CommitArguments.ascii(0));
        args.header(15, new byte[0]);
        args.header(16, new byte[0]);
        return args;
    }
}
