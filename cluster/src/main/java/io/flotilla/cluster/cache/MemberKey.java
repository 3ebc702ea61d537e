package io.flotilla.cluster.cache;

/** A member document's address: the guild and the member's user id. */
record MemberKey(String guildId, String userId) {}
