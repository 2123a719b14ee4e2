package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated signing secret: owner-only, whole from the first read, and refused when others could read it. */
class JwtSigningKeyTest {

    private static final int FIRST_STARTS = 40;
    private static final int RACERS = 8;

    @TempDir
    Path scratch;

    @Test
    void theGeneratedSecretIsReadableByItsOwnerOnly() throws IOException {
        new JwtSigningKey("", new DataDirectory(scratch.toString()));

        Path secret = scratch.resolve(JwtSigningKey.FILE_NAME);
        assertThat(SecretFiles.mode(secret)).isEqualTo("rw-------");
        assertThat(scratch).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aSecretOtherUsersCanReadStopsTheStart() throws IOException {
        new JwtSigningKey("", new DataDirectory(scratch.toString()));
        Path secret = scratch.resolve(JwtSigningKey.FILE_NAME);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new JwtSigningKey("", new DataDirectory(scratch.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readable by other users");
    }

    @Test
    void serversStartingTogetherOnANewDirectoryAllReadTheSameWholeSecret() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(RACERS)) {
            for (int round = 0; round < FIRST_STARTS; round++) {
                Path dir = Files.createDirectory(scratch.resolve("round-" + round));
                CyclicBarrier together = new CyclicBarrier(RACERS);
                List<Future<byte[]>> keys = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    keys.add(threads.submit(() -> {
                        together.await();
                        return new JwtSigningKey("", new DataDirectory(dir.toString())).key().getEncoded();
                    }));
                }
                byte[] first = keys.getFirst().get();
                for (Future<byte[]> key : keys) {
                    assertThat(Arrays.equals(key.get(), first)).as("round %d: every start uses one secret", round).isTrue();
                }
            }
        }
    }
}
