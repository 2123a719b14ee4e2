package org.bourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives every Spring context of a {@link BourseHttpTest} its own {@code bourse.data-dir} (the H2 file, the
 * generated JWT secret, later the journal) in a new temporary directory, deleted when the context closes,
 * so no two test runs or contexts ever share a database file.
 */
public final class TemporaryDataDirectory extends PerContextResource {

    public TemporaryDataDirectory() {
        super(BourseHttpTest.class);
    }

    @Override
    Prepared prepare() {
        Path dir;
        try {
            dir = Files.createTempDirectory("bourse-test-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Prepared(Map.of("bourse.data-dir", dir.toString()), () -> delete(dir));
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.out.println("bourse: could not delete the test data directory " + dir + ": " + e);
        }
    }
}
