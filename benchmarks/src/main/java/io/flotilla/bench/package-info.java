/** Benchmarks: JMH micro-benchmarks and end-to-end drivers that print their figures and update BENCHMARKS.md. */
@NullMarked
package io.flotilla.bench;

import org.jspecify.annotations.NullMarked;
