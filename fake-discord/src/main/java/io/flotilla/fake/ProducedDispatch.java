package io.flotilla.fake;

import io.flotilla.fake.world.Dispatch;

/**
 * One dispatch as produced into a session's stream, whether or not it was ever written to a socket.
 *
 * @param sessionId the session
 * @param seq the {@code s} it has in that session
 * @param dispatch the event; its data is shared, not copied: do not modify it
 */
public record ProducedDispatch(String sessionId, long seq, Dispatch dispatch) {

    public String type() {
        return dispatch.type();
    }
}
