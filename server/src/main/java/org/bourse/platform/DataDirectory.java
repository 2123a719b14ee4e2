package org.bourse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The directory holding everything the server persists on its own ({@code BOURSE_DATA_DIR}): the embedded
 * database, the journal, generated secrets. Created at start-up.
 *
 * <p>The rule that keeps runtime data out of the source tree: a data directory inside a source checkout is
 * only ever used when it was named explicitly. Unset, the directory is {@code ./data}, and the server refuses
 * to start when that lies inside a checkout (a directory with a {@code pom.xml}, {@code mvnw} or {@code .git}
 * above it): an IDE run or {@code spring-boot:run} from {@code server/}, or a test that forgot its own
 * temporary directory, fails loudly instead of writing an H2 file and a signing key next to the sources.
 * {@code ./run} names its {@code ./data} explicitly, and {@code .gitignore} ignores every {@code data/}.
 */
@Component
public final class DataDirectory {

    static final String PROPERTY = "bourse.data-dir";
    private static final String DEFAULT = "./data";
    private static final List<String> CHECKOUT_MARKERS = List.of("pom.xml", "mvnw", ".git");

    private final Path root;

    DataDirectory(@Value("${" + PROPERTY + ":}") String configured) {
        this.root = locate(configured);
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

    /**
     * The data directory for a configured value ({@code BOURSE_DATA_DIR}; blank when unset), by the rule above.
     *
     * @throws IllegalStateException when unset and {@code ./data} would lie inside a source checkout
     */
    static Path locate(String configured) {
        return locate(configured, Path.of("").toAbsolutePath());
    }

    /** {@link #locate(String)} from {@code workingDirectory}, which relative paths start from. */
    static Path locate(String configured, Path workingDirectory) {
        if (configured != null && !configured.isBlank()) {
            return workingDirectory.resolve(configured.trim()).toAbsolutePath().normalize();
        }
        Path fallback = workingDirectory.resolve(DEFAULT).toAbsolutePath().normalize();
        Path checkout = enclosingCheckout(fallback);
        if (checkout != null) {
            throw new IllegalStateException("BOURSE_DATA_DIR is not set and the default " + fallback
                    + " lies inside the source checkout " + checkout + ", where runtime data (a database, a signing "
                    + "key) must never be written by accident. Set BOURSE_DATA_DIR (./run sets it to ./data), or "
                    + "start the server from outside the checkout.");
        }
        return fallback;
    }

    /** The nearest directory above {@code dir} that looks like a source checkout, or null. */
    static Path enclosingCheckout(Path dir) {
        for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
            for (String marker : CHECKOUT_MARKERS) {
                if (Files.exists(parent.resolve(marker))) {
                    return parent;
                }
            }
        }
        return null;
    }
}
