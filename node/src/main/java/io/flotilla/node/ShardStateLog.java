package io.flotilla.node;

import io.flotilla.gateway.ShardObserver;
import io.flotilla.gateway.StateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per shard state change ({@code shard 3/16 IDENTIFYING -> READY: READY}), with {@code node} and
 * {@code shard} in the MDC so a JSON log carries them as fields. The reasons come from the gateway and never hold a
 * secret. Runs on the shard's event loop; the MDC's {@code shard} is removed after the line, so other lines of that
 * loop do not carry it. Stateless but for the node name.
 */
final class ShardStateLog implements ShardObserver {
    private static final Logger LOG = LoggerFactory.getLogger("io.flotilla.node.shard");

    private final String nodeName;

    ShardStateLog(String nodeName) {
        this.nodeName = nodeName;
    }

    @Override
    public void stateChanged(StateChange change) {
        MDC.put("node", nodeName);
        MDC.put("shard", Integer.toString(change.shard().id()));
        try {
            LOG.info(
                    "shard {}/{} {} -> {}: {}",
                    change.shard().id(),
                    change.shard().total(),
                    change.from(),
                    change.to(),
                    change.reason());
        } finally {
            MDC.remove("shard");
        }
    }
}
