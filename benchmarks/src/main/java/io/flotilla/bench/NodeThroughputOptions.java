package io.flotilla.bench;

import io.flotilla.protocol.compress.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@link NodeThroughput}'s command line.
 *
 * @param shards shards in the node (and in the fake)
 * @param seconds measured seconds per mode
 * @param warmupSeconds unmeasured seconds first (connect, READY, JIT)
 * @param compressions transport compressions to measure, each with the cache on and off
 * @param caches cache modes to measure per compression: true = Redis cache on, false = off
 * @param lanes the committer's lanes (Redis connections)
 * @param replayPool events the fake pre-generates per shard and then cycles (0: generate every event)
 * @param file the BENCHMARKS.md to update
 */
record NodeThroughputOptions(
        int shards,
        int seconds,
        int warmupSeconds,
        List<Compression> compressions,
        List<Boolean> caches,
        int lanes,
        int replayPool,
        Path file) {

    static NodeThroughputOptions parse(String[] args) {
        int shards = 16;
        int seconds = 10;
        int warmup = 5;
        List<Compression> compressions = List.of(Compression.NONE, Compression.ZLIB_STREAM);
        List<Boolean> caches = List.of(true, false);
        int lanes = 4;
        // The world generator costs about a CPU per 30k events/s; cycling a pool keeps that cost off this machine.
        int replayPool = 20_000;
        Path file = BenchmarksFile.find();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--shards" -> shards = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--compression" ->
                    compressions = List.of(value.split(",", -1)).stream()
                            .map(name -> Compression.valueOf(
                                    name.toUpperCase(Locale.ROOT).replace('-', '_')))
                            .toList();
                case "--cache" ->
                    caches = List.of(value.split(",", -1)).stream()
                            .map(mode -> mode.equals("on"))
                            .toList();
                case "--lanes" -> lanes = Integer.parseInt(value);
                case "--replay-pool" -> replayPool = Integer.parseInt(value);
                case "--file" -> file = Path.of(value);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i]
                                    + "; use --shards, --seconds, --warmup, --compression (none,zlib-stream), --cache (on,off), --lanes, --replay-pool (0: off) or --file");
            }
        }
        return new NodeThroughputOptions(shards, seconds, warmup, compressions, caches, lanes, replayPool, file);
    }
}
