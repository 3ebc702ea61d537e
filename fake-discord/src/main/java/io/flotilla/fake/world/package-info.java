/**
 * The fake Discord's simulated world: guilds, channels, roles, members, users and their JSON, generated
 * deterministically from a seed, and the event generator that changes the world and says what changed as
 * dispatches. Knows nothing of sockets or sessions.
 */
@NullMarked
package io.flotilla.fake.world;

import org.jspecify.annotations.NullMarked;
