package io.flotilla.cluster.commit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the committer asked of the shard, as lines: {@code continue s 5}, {@code lost s}, {@code fenced}. */
final class RecordingFeedback implements CommitFeedback {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void continueFrom(String sessionId, long seq) {
        calls.add("continue " + sessionId + " " + seq);
    }

    @Override
    public void sessionLost(String sessionId) {
        calls.add("lost " + sessionId);
    }

    @Override
    public void fenced(String why) {
        calls.add("fenced");
    }
}
