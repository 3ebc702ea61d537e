package io.flotilla.bench;

import io.flotilla.cluster.identify.IdentifyPlan;
import io.flotilla.cluster.identify.SessionBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Issue 17's internet-scale case, 1,000,000 guilds: 512 shards (about 1,950 guilds each, under Discord's 2,500, a
 * multiple of max_concurrency 16) across 50 nodes. Three parts: the control plane simulated with the real
 * coordinators ({@link ControlPlaneAtScale}); the cold start's identify plan and the daily session budget computed
 * by the real {@link IdentifyPlan}; and the Redis CPU of the event path at a given event rate, from the per-event
 * costs measured on this machine ({@link EventPathCost}), with the rate at which one Redis primary is no longer
 * enough. Prints markdown; {@code --write} puts it into BENCHMARKS.md.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.InternetScale [--nodes 50] [--shards 512]
 * [--write]}
 */
public final class InternetScale {
    private static final int GUILDS = 1_000_000;
    private static final int MAX_CONCURRENCY = 16;
    private static final int DAILY_STARTS = 1_000;
    private static final Duration WINDOW = Duration.ofSeconds(5);

    private InternetScale() {}

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        int nodes = option(flags, "--nodes", 50);
        int shards = option(flags, "--shards", 512);
        ControlPlaneAtScale.Result control = ControlPlaneAtScale.run(nodes, shards, Duration.ofSeconds(20));
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run %s UTC on %s.%n%n```%nbin/bench-build%njava -cp benchmarks/target/benchmarks.jar"
                        + " io.flotilla.bench.InternetScale --nodes %d --shards %d --write%n```%n%n",
                Instant.now().toString().substring(0, 16).replace('T', ' '),
                Machine.describe(),
                nodes,
                shards));
        controlPlane(out, control);
        identify(out, shards);
        EventPathCost.table(out);
        System.out.println(out);
        if (flags.contains("--write")) {
            BenchmarksFile.replaceSection(
                    BenchmarksFile.find(),
                    "internet-scale",
                    "## Internet scale: 1,000,000 guilds (issue 17)",
                    out.toString());
        }
    }

    private static void controlPlane(StringBuilder out, ControlPlaneAtScale.Result r) {
        out.append(String.format(
                Locale.ROOT,
                "**Control plane, simulated with the real code**: %d production coordinators (default settings: 500 ms"
                        + " rounds, 3 s leases, 2 hand-offs at once, EXPECTED_NODES=%d) in one JVM against one Redis, each"
                        + " driving a simulated shard host (a hand-off takes 300 ms), %d shards (%,d guilds, %,d per"
                        + " shard).%n%n| step | result |%n|---|---|%n",
                r.nodes(),
                r.nodes(),
                r.shards(),
                GUILDS,
                GUILDS / r.shards()));
        row(
                out,
                "first placement, all nodes started together",
                seconds(r.placement()) + " to every shard placed, loads within 1");
        row(out, "steady state, Redis", r.steady().summary());
        row(
                out,
                "a node crashes (" + r.nodeCrashShards() + " shards)",
                seconds(r.nodeCrash()) + " until they all run elsewhere");
        row(
                out,
                "the leader crashes (" + r.leaderCrashShards() + " shards)",
                seconds(r.leaderCrash()) + " until they all run elsewhere");
        row(out, "two nodes join", seconds(r.join()) + " until balanced (hand-offs, 2 at once)");
        row(out, "a node drains", seconds(r.drain()) + " until it runs nothing");
        row(
                out,
                "one-owner breaches (a start before the old owner stopped or its lease expired)",
                r.breaches().size()
                        + (r.breaches().isEmpty()
                                ? ""
                                : ": "
                                        + r.breaches()
                                                .subList(
                                                        0,
                                                        Math.min(3, r.breaches().size()))));
        out.append("\n");
    }

    private static void identify(StringBuilder out, int shards) {
        IdentifyPlan plan = IdentifyPlan.coldStart(shards, MAX_CONCURRENCY, WINDOW);
        Instant now = Instant.now();
        SessionBudget fresh = new SessionBudget(DAILY_STARTS, DAILY_STARTS, now.plus(Duration.ofHours(24)));
        SessionBudget afterOne =
                new SessionBudget(DAILY_STARTS, DAILY_STARTS - plan.starts(), now.plus(Duration.ofHours(23)));
        double guarded = (plan.rounds().size() - 1) * WINDOW.toMillis() * 1.05 / 1000.0;
        out.append(String.format(
                Locale.ROOT,
                "**Cold start, by the real identify plan**: %d shards at max_concurrency %d are %d rounds, ideal"
                        + " ceil(N/M) x 5 s = %d s; with the 5 %% guard per window the last round begins %.0f s after the"
                        + " first. It spends %d of a daily budget of %,d session starts:%n%n"
                        + "- a fresh budget: %s%n- a second full cold start the same day: %s%n"
                        + "- a node's crash or drain, or a leader's: 0 session starts (its shards RESUME elsewhere:"
                        + " FailoverBenchmark, 0 identifies over 20 kills).%n%n",
                shards,
                MAX_CONCURRENCY,
                plan.rounds().size(),
                plan.duration().toSeconds(),
                guarded,
                plan.starts(),
                DAILY_STARTS,
                describe(plan.check(fresh, 0, false, now)),
                describe(plan.check(afterOne, 0, false, now))));
    }

    private static String describe(IdentifyPlan.Check check) {
        return check.fits()
                ? "fits (" + check.needed() + " of " + check.spendable() + " spendable)"
                : "refused: \"" + check.message() + "\"";
    }

    private static void row(StringBuilder out, String step, String result) {
        out.append("| ").append(step).append(" | ").append(result).append(" |\n");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static int option(List<String> flags, String name, int otherwise) {
        int at = flags.indexOf(name);
        return at >= 0 && at + 1 < flags.size() ? Integer.parseInt(flags.get(at + 1)) : otherwise;
    }
}
