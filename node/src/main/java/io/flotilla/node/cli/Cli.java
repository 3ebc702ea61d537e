package io.flotilla.node.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What every command runs with: the environment and the standard streams (the process's in {@link FlotillaCli#main},
 * captured ones in tests). A value.
 *
 * @param env the environment variables
 * @param in standard input
 * @param out standard output
 * @param err standard error
 */
record Cli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    Cli {
        env = Map.copyOf(env);
    }
}
