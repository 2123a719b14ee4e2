package org.bourse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The directory holding everything the server persists on its own ({@code BOURSE_DATA_DIR}, default
 * {@code ./data}): the embedded database, the journal, generated secrets. Created at start-up.
 */
@Component
public final class DataDirectory {

    private final Path root;

    DataDirectory(@Value("${bourse.data-dir:./data}") String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
    }

    public Path path() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
