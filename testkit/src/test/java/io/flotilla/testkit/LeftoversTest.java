package io.flotilla.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

    @Test
    void sweepsTheFoldersOfDeadJvmsOnlyAndKillsNothingButRedis(@TempDir Path temp) throws Exception {
        long deadPid = deadPid();
        Process bystander = new ProcessBuilder("sleep", "30").start();
        try {
            Path dead = folder(temp, "flotilla-redis-dead", deadPid + "\n" + bystander.pid() + "\n");
            Path live =
                    folder(temp, "flotilla-redis-live", ProcessHandle.current().pid() + "\n0\n");
            Path foreign = folder(temp, "flotilla-redis-foreign", null);
            Path other = folder(temp, "something-else", deadPid + "\n0\n");

            Leftovers.sweep(temp);

            assertThat(Files.exists(dead)).as("a dead JVM's folder").isFalse();
            assertThat(live).as("this JVM's folder").isDirectory();
            assertThat(foreign).as("a folder without an owner file").isDirectory();
            assertThat(other).as("a folder not named like the fixture's").isDirectory();
            assertThat(bystander.isAlive())
                    .as("a process that is not redis-server")
                    .isTrue();
        } finally {
            bystander.destroyForcibly();
        }
    }

    private static Path folder(Path temp, String name, @Nullable String owner) throws IOException {
        Path folder = Files.createDirectory(temp.resolve(name));
        Files.writeString(folder.resolve("appendonly.aof"), "*1\r\n$4\r\nPING\r\n");
        if (owner != null) {
            Files.writeString(folder.resolve(Leftovers.OWNER_FILE), owner, StandardCharsets.US_ASCII);
        }
        return folder;
    }

    /** The pid of a process that has ended: what a SIGKILLed test JVM's pid looks like. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }
}
