package io.flotilla.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the namespaces and links a test JVM killed with SIGKILL left behind (its shutdown hook never ran).
 * Every name {@link PartitionNetwork} makes is {@code flt<pid><kind><n>}: the pid of the JVM that made it, so a
 * later JVM removes exactly the names of JVMs that are gone and never those of one still running (another
 * module's tests, another checkout's).
 *
 * <p>Thread-safe: the sweep runs once per JVM.
 */
final class NetLeftovers {
    static final String PREFIX = "flt";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)[a-z]\\d*$");
    private static boolean swept;

    private NetLeftovers() {}

    /** A name for this JVM's object of {@code kind} (one letter) number {@code n}; at most 15 characters. */
    static String name(char kind, int n) {
        return PREFIX + ProcessHandle.current().pid() + kind + n;
    }

    /** Once per JVM: deletes the namespaces and links whose JVM is gone. */
    static synchronized void sweepOnce() {
        if (swept) {
            return;
        }
        swept = true;
        sweep();
    }

    /** Deletes the namespaces and links whose JVM is gone. */
    static void sweep() {
        for (String line : NetCommands.run("ip", "netns", "list").split("\n")) {
            String name = line.strip().split(" ", 2)[0];
            if (orphan(name)) {
                NetCommands.runQuietly("ip", "netns", "delete", name);
            }
        }
        // "3: flt123h1@if2: <...>": a host-side veth or a bridge; deleting one end of a veth deletes both.
        for (String line : NetCommands.run("ip", "-o", "link", "show").split("\n")) {
            String[] fields = line.split(":", 3);
            if (fields.length == 3) {
                String name = fields[1].strip().split("@", 2)[0];
                if (orphan(name)) {
                    NetCommands.runQuietly("ip", "link", "delete", name);
                }
            }
        }
    }

    private static boolean orphan(String name) {
        Matcher matcher = OURS.matcher(name);
        if (!matcher.matches()) {
            return false;
        }
        long pid = Long.parseLong(matcher.group(1));
        return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }
}
