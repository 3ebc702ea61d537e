package io.flotilla.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The text of BENCHMARKS.md's {@code worker-consume} section for one {@link WorkerConsume} run. Stateless. */
final class WorkerConsumeReport {

    private WorkerConsumeReport() {}

    static String body(long count, int batch, String table) {
        return String.format(
                        Locale.ROOT,
                        "Run %s UTC on %s, the benchmark alone on the machine.%n%n"
                                + "A fresh Redis (AOF on, everysec) holds %,d MESSAGE_CREATE entries of the fake"
                                + " Discord's generated messages in the documented format. Each consumer, in its own"
                                + " process and its own new consumer group, reads the whole stream (%d per read),"
                                + " parses every `d` and acknowledges every entry; one after the other, on the same"
                                + " stream. CPU: the consumer process's own (the Java figure includes its JIT and GC)"
                                + " and Redis's (`INFO cpu`) during that consumer's run. Java: `io.flotilla.worker"
                                + ".Worker` with group-wide de-duplication (one record written per event) and without"
                                + " (its per-consumer window only). Python: `benchmarks/python/consume.py`, redis-py,"
                                + " written from docs/redis-protocol.md, one pipelined XACK per read.%n%n"
                                + "```%nbin/bench-build%njava -cp benchmarks/target/benchmarks.jar"
                                + " io.flotilla.bench.WorkerConsume %d --write%n```%n%n",
                        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                        Machine.hardware(),
                        count,
                        batch,
                        count)
                + table;
    }
}
