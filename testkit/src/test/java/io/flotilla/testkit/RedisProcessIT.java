package io.flotilla.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisProcessIT {

    @Test
    void restartFromASnapshotLosesTheWritesAcknowledgedAfterIt() {
        try (RedisProcess server = RedisProcess.startNew()) {
            int port = server.port();
            try (TestRedis redis = new TestRedis(server.uri(), "s:")) {
                redis.commands().set(redis.key("a"), "1");
                redis.commands().xadd(redis.key("stream"), Map.of("seq", "1"));
            }
            RedisSnapshot snapshot = server.snapshot();
            try (TestRedis redis = new TestRedis(server.uri(), "s:")) {
                redis.commands().set(redis.key("a"), "2");
                redis.commands().xadd(redis.key("stream"), Map.of("seq", "2"));
            }

            server.restartFrom(snapshot);

            assertThat(server.port()).isEqualTo(port);
            try (TestRedis again = new TestRedis(server.uri(), "s:")) {
                assertThat(again.commands().get(again.key("a"))).isEqualTo("1");
                assertThat(again.commands().xlen(again.key("stream"))).isEqualTo(1);
                again.commands().set(again.key("a"), "3");
            }
            // The snapshot is not consumed: a second restart from it rolls back again.
            server.restartFrom(snapshot);
            try (TestRedis again = new TestRedis(server.uri(), "s:")) {
                assertThat(again.commands().get(again.key("a"))).isEqualTo("1");
            }
        }
    }

    @Test
    void closeDeletesTheDataFolderAndTheSnapshotsAndStopsTheServer() {
        RedisProcess server = RedisProcess.startNew();
        Path dataDir = server.dataDir();
        RedisSnapshot snapshot;
        try (TestRedis redis = new TestRedis(server.uri(), "c:")) {
            redis.commands().set(redis.key("a"), "1");
            snapshot = server.snapshot();
        }
        assertThat(dataDir).isDirectory();
        assertThat(snapshot.folder()).isDirectory();

        server.close();

        assertThat(Files.exists(dataDir)).as("data folder %s", dataDir).isFalse();
        assertThat(Files.exists(snapshot.folder())).as("snapshot folder").isFalse();
        try (TestRedis redis = new TestRedis(server.uri(), "c:")) {
            assertThatThrownBy(() -> redis.commands().ping())
                    .as("nothing listens any more")
                    .isNotNull();
        }
        server.close();
    }

    @Test
    void aClosedSnapshotCannotBeRestartedFrom() {
        try (RedisProcess server = RedisProcess.startNew()) {
            RedisSnapshot snapshot = server.snapshot();
            snapshot.close();
            assertThat(Files.exists(snapshot.folder())).isFalse();

            assertThatThrownBy(() -> server.restartFrom(snapshot))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was closed");
        }
    }
}
