/**
 * The {@code flotilla} command line (picocli): {@code node}, {@code status}, {@code drain}, {@code move},
 * {@code fake-discord}, {@code demo}. Exit codes: 0 ok, 1 failure (Redis unreachable, a refused request), 2 usage
 * (bad flags or configuration). Reads the environment it is given, never prints a secret.
 */
@NullMarked
package io.flotilla.node.cli;

import org.jspecify.annotations.NullMarked;
