package org.bourse.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code docs/formats.md}, for the tests that hold the document to the code. */
public final class FormatsDocument {

    private FormatsDocument() {
    }

    /** Its lines, found from the compiled tests ({@code engine/target/test-classes}) up to the repository. */
    public static List<String> lines() {
        try {
            Path classes = Path.of(FormatsDocument.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path document = classes.getParent().getParent().getParent().resolve("docs").resolve("formats.md");
            return Files.readAllLines(document, StandardCharsets.UTF_8);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table row whose first cell is {@code firstCell}, or null. */
    public static String row(String firstCell) {
        String start = "| " + firstCell + " |";
        return lines().stream().filter(line -> line.startsWith(start)).findFirst().orElse(null);
    }
}
