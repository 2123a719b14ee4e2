package org.bourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives every Spring context of a {@link BourseHttpTest} its own {@code bourse.data-dir} (the H2 file, the
 * generated JWT secret, later the journal) in a new temporary directory, deleted when the context closes,
 * so no two test runs or contexts ever share a database file. Registered in {@code META-INF/spring.factories}.
 */
public final class TemporaryDataDirectory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configurations) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, BourseHttpTest.class) ? new Customizer() : null;
    }

    /** No state: equal for every test class, so it never splits the context cache; the directory is made per context. */
    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Path dir = create();
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("bourse-test-data-dir", Map.of("bourse.data-dir", dir.toString())));
            ContextCleanup.afterClose(context, "data-dir", () -> delete(dir));
        }
    }

    private static Path create() {
        try {
            return Files.createTempDirectory("bourse-test-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
