package io.flotilla.fake;

/**
 * A shard as a client names it in IDENTIFY: {@code [id, count]} (GATEWAY.md 8). A hub exists per key, so
 * sessions with a shard count other than the world's get their own routing.
 */
record ShardKey(int id, int count) {

    @Override
    public String toString() {
        return "[" + id + ", " + count + "]";
    }
}
