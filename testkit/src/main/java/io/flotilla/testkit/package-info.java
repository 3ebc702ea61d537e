/**
 * Test fixtures shared by the modules' integration tests: a real Redis server, one per test JVM, and a
 * key prefix per test. Test scope only; nothing here ships.
 */
@NullMarked
package io.flotilla.testkit;

import org.jspecify.annotations.NullMarked;
