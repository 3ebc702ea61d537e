package io.flotilla.node;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Retries a start-up step that needs something outside the node (Redis, Discord's REST API) until it works: the
 * first failure is logged at once, then one line every {@link #MESSAGE_EVERY} while it keeps failing, and never a
 * crash (a node that exits and restarts in a loop helps nobody). A fatal answer ({@link FatalNodeException}) is not
 * retried. Sleeps between attempts on the calling (start-up) thread; an interrupt ends the wait.
 */
final class StartupWait {
    static final Duration MESSAGE_EVERY = Duration.ofSeconds(5);
    private static final Duration RETRY_EVERY = Duration.ofMillis(500);

    /** One attempt; any exception but {@link FatalNodeException} means "not yet". */
    interface Attempt<T> {
        T run() throws Exception;
    }

    private StartupWait() {}

    static <T> T until(Logger log, String what, Attempt<T> attempt) throws InterruptedException {
        long started = System.nanoTime();
        long lastMessage = 0;
        boolean waited = false;
        while (true) {
            try {
                T result = attempt.run();
                if (waited) {
                    log.info("{}: available after {} s", what, (System.nanoTime() - started) / 1_000_000_000L);
                }
                return result;
            } catch (FatalNodeException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                long now = System.nanoTime();
                if (!waited || now - lastMessage >= MESSAGE_EVERY.toNanos()) {
                    log.warn("waiting for {} ({} s so far): {}", what, (now - started) / 1_000_000_000L, rootCause(e));
                    lastMessage = now;
                }
                waited = true;
            }
            Thread.sleep(RETRY_EVERY);
        }
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        Throwable next;
        while ((next = cause.getCause()) != null && next != cause) {
            cause = next;
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
