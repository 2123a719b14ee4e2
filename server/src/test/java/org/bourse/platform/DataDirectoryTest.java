package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bourse.BourseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Where runtime data may go: never into a source checkout unless someone named that place. */
class DataDirectoryTest {

    @TempDir
    Path scratch;

    @Test
    void aServerStartedInTheSourceTreeWithoutADataDirectoryRefusesAndWritesNothingThere() {
        Path workingDirectory = Path.of("").toAbsolutePath(); // server/ under surefire, as for an IDE run
        Path wouldBe = workingDirectory.resolve("data");
        assertThat(DataDirectory.enclosingCheckout(wouldBe)).as("the test runs inside the checkout").isNotNull();
        assertThat(wouldBe).as("left over by an earlier run").doesNotExist();

        assertThatThrownBy(() -> new SpringApplicationBuilder(BourseApplication.class).run(
                "--bourse.data-dir=", "--server.port=0", "--spring.datasource.url=", "--bourse.redis.url=",
                "--bourse.demo.enabled=false", "--bourse.jwt.secret="))
                .hasStackTraceContaining("BOURSE_DATA_DIR is not set");

        assertThat(wouldBe).doesNotExist();
    }

    @Test
    void anUnsetDataDirectoryOutsideACheckoutIsDataInTheWorkingDirectory() {
        Path deployment = scratch.resolve("opt-bourse");

        assertThat(DataDirectory.locate("", deployment)).isEqualTo(deployment.resolve("data"));
    }

    @Test
    void anUnsetDataDirectoryInsideACheckoutIsRefused() throws IOException {
        Path checkout = Files.createDirectories(scratch.resolve("bourse"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Path module = Files.createDirectories(checkout.resolve("server"));

        assertThatThrownBy(() -> DataDirectory.locate(" ", module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Set BOURSE_DATA_DIR");
        assertThatThrownBy(() -> DataDirectory.locate(null, checkout)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDataDirectoryNamedExplicitlyIsUsedEvenInsideACheckout() throws IOException {
        Path checkout = Files.createDirectories(scratch.resolve("bourse"));
        Files.createDirectories(checkout.resolve(".git"));

        assertThat(DataDirectory.locate("./data", checkout)).isEqualTo(checkout.resolve("data"));
    }
}
