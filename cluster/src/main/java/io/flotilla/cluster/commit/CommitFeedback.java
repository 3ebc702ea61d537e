package io.flotilla.cluster.commit;

/**
 * What the committer tells a shard's owner when Redis's answer means the shard must act (issue 12 item 1). Called
 * on a committer lane; implementations hop to the shard's own thread and must not block.
 */
public interface CommitFeedback {
    /** Redis holds the session only up to {@code seq}, behind what was acknowledged: RESUME from {@code seq}. */
    void continueFrom(String sessionId, long seq);

    /** Redis holds no record of the session (it lost writes): identify anew and rebuild the cache. */
    void sessionLost(String sessionId);

    /** Another owner holds the shard (its fence is gone, or a newer session is stored): stop the shard. */
    void fenced(String why);

    /** A feedback that ignores everything (tests of the committer alone). */
    CommitFeedback IGNORE = new CommitFeedback() {
        @Override
        public void continueFrom(String sessionId, long seq) {}

        @Override
        public void sessionLost(String sessionId) {}

        @Override
        public void fenced(String why) {}
    };
}
