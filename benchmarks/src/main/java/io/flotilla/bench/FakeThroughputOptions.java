package io.flotilla.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link FakeThroughput}'s command line.
 *
 * @param shards shards (and clients)
 * @param seconds measured seconds per mode
 * @param warmupSeconds unmeasured seconds first
 * @param rate events per second per shard, a ceiling
 * @param modes compressions to measure, in order
 * @param file the BENCHMARKS.md to update
 */
record FakeThroughputOptions(int shards, int seconds, int warmupSeconds, double rate, List<String> modes, Path file) {

    static FakeThroughputOptions parse(String[] args) {
        int shards = 16;
        int seconds = 10;
        int warmup = 3;
        double rate = 1_000_000;
        List<String> modes = List.of("none", "zlib-stream");
        Path file = BenchmarksFile.find();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--shards" -> shards = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--modes" -> modes = List.of(value.split(",", -1));
                case "--file" -> file = Path.of(value);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --shards, --seconds, --warmup, --rate, --modes or --file");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        }
        return new FakeThroughputOptions(shards, seconds, warmup, rate, modes, file);
    }
}
