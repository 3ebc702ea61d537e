package io.flotilla.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * For nodes started by a test ({@code FLOTILLA_EXIT_WITH_PARENT=true}): the node stops (gracefully, through the
 * shutdown hook) when its standard input ends, which happens when the JVM that started it dies without killing
 * it, so a crashed test run leaves no node process behind. Off in production.
 */
final class ParentWatch {
    static final String VARIABLE = "FLOTILLA_EXIT_WITH_PARENT";

    private ParentWatch() {}

    static void startIfAsked(Map<String, String> env, InputStream in) {
        if (!"true".equalsIgnoreCase(env.getOrDefault(VARIABLE, ""))) {
            return;
        }
        Thread.ofPlatform().daemon(true).name("flotilla-parent-watch").start(() -> {
            try {
                while (in.read() >= 0) {
                    // nothing is sent; only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            System.err.println("flotilla: the parent process is gone; stopping");
            System.exit(3);
        });
    }
}
