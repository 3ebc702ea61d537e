package io.flotilla.bench;

import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.protocol.compress.Compression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link IngestVersusJda}'s command line.
 *
 * @param shards shards of the fake, run by every contender
 * @param seconds measured seconds per contender
 * @param warmupSeconds unmeasured seconds first, after every shard is READY (JIT, connection buffers)
 * @param compressions transport compressions; every contender runs once per compression
 * @param contenders which to run, in this order: {@code node-off}, {@code node-on}, {@code jda}, {@code redis-only}
 * @param lanes the node's committer lanes, and the Redis-only driver's connections
 * @param replayPool events the fake pre-generates per shard and then cycles
 * @param childJvmArgs extra JVM options for every contender's JVM (e.g. {@code -XX:StartFlightRecording=...})
 * @param ratePerShard events per second each shard of the fake sends at most ({@link FakeProcess#UNLIMITED}: as fast
 *     as the contender reads); below what every contender takes, the contenders' CPU per event is compared at one load
 * @param contenderClasspath what the contenders' JVMs run (another build's benchmarks jar, to compare two builds under
 *     the same fake); this JVM's own class path by default
 * @param aofRewrites whether each contender's Redis rewrites its AOF when it doubled, as a Redis does by default
 *     ({@code --aof-rewrite off}: never, so no forked rewrite competes for the two cores)
 * @param neighbourCpus CPUs a {@link CpuNeighbour} in this JVM burns in bursts while each contender runs (0: none)
 * @param write whether to put the table into BENCHMARKS.md
 * @param file the BENCHMARKS.md to update
 */
record IngestOptions(
        int shards,
        int seconds,
        int warmupSeconds,
        List<Compression> compressions,
        List<String> contenders,
        int lanes,
        int replayPool,
        List<String> childJvmArgs,
        double ratePerShard,
        String contenderClasspath,
        boolean aofRewrites,
        double neighbourCpus,
        boolean write,
        Path file) {
    static final List<String> CONTENDERS = List.of("node-off", "node-on", "jda", "redis-only");

    static IngestOptions parse(String[] args) {
        int shards = 16;
        int seconds = 10;
        int warmup = 5;
        List<Compression> compressions = List.of(Compression.NONE, Compression.ZLIB_STREAM);
        List<String> contenders = CONTENDERS;
        int lanes = CommitterConfig.lanesFor(Runtime.getRuntime().availableProcessors()); // as a node runs
        int replayPool = 20_000;
        List<String> jvm = List.of();
        double rate = FakeProcess.UNLIMITED;
        String classpath = System.getProperty("java.class.path");
        boolean aofRewrites = true;
        double neighbour = 0;
        boolean write = false;
        Path file = BenchmarksFile.find();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--write")) {
                write = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--shards" -> shards = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--compression" ->
                    compressions = List.of(value.split(",", -1)).stream()
                            .map(name -> Compression.valueOf(
                                    name.toUpperCase(Locale.ROOT).replace('-', '_')))
                            .toList();
                case "--contenders" -> contenders = contenders(value);
                case "--lanes" -> lanes = Integer.parseInt(value);
                case "--replay-pool" -> replayPool = Integer.parseInt(value);
                case "--child-jvm" -> jvm = List.of(value.trim().split("\\s+", -1));
                case "--rate" -> rate = Double.parseDouble(value);
                case "--contender-jar" -> classpath = value;
                case "--aof-rewrite" -> aofRewrites = onOrOff(option, value);
                case "--neighbour" -> neighbour = Double.parseDouble(value);
                case "--file" -> file = Path.of(value);
                default ->
                    throw new IllegalArgumentException("unknown option " + option
                            + "; use --shards, --seconds, --warmup, --compression (none,zlib-stream), --contenders ("
                            + String.join(",", CONTENDERS) + "), --lanes, --replay-pool, --child-jvm \"<JVM options>\","
                            + " --rate <events/s per shard>, --contender-jar <jar>, --aof-rewrite on|off,"
                            + " --neighbour <CPUs>,"
                            + " --file or --write");
            }
        }
        return new IngestOptions(
                shards,
                seconds,
                warmup,
                compressions,
                contenders,
                lanes,
                replayPool,
                jvm,
                rate,
                classpath,
                aofRewrites,
                neighbour,
                write,
                file);
    }

    private static boolean onOrOff(String option, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " takes on or off, not " + value);
        };
    }

    private static List<String> contenders(String value) {
        List<String> chosen = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            if (!CONTENDERS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown contender " + name + "; choose from " + String.join(",", CONTENDERS));
            }
            chosen.add(name);
        }
        return chosen;
    }
}
