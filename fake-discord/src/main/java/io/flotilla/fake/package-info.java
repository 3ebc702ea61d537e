/**
 * The fake Discord: REST and gateway on one loopback port, shard hubs that turn the simulated world's events
 * into per-session dispatch streams, scriptable faults, and an exact log of what was produced and written.
 * The public face is {@link io.flotilla.fake.FakeDiscord}; everything else here is package-private.
 */
@NullMarked
package io.flotilla.fake;

import org.jspecify.annotations.NullMarked;
