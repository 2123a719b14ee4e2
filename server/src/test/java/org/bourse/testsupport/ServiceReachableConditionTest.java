package org.bourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The promise of {@link RequiresService}: a missing service skips a test with a notice, but fails it under CI. */
class ServiceReachableConditionTest {

    /** Nothing listens on port 1 of this machine (tcpmux is long gone); a connection is refused at once. */
    private static final int CLOSED_PORT = 1;

    private final String ciBefore = System.getProperty(ServiceReachableCondition.CI_PROPERTY);

    /** A fixture run through the test kit; surefire does not run nested classes on its own. */
    @RequiresService(name = "Imaginary", port = CLOSED_PORT)
    static class NeedsAMissingService {

        @Test
        void wouldRun() {
        }
    }

    @AfterEach
    void restoreCiProperty() {
        if (ciBefore == null) {
            System.clearProperty(ServiceReachableCondition.CI_PROPERTY);
        } else {
            System.setProperty(ServiceReachableCondition.CI_PROPERTY, ciBefore);
        }
    }

    @Test
    void aMissingServiceSkipsTheTestWithANotice() {
        System.clearProperty(ServiceReachableCondition.CI_PROPERTY);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        Events containers;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            containers = run(NeedsAMissingService.class).containerEvents();
        } finally {
            System.setOut(out);
        }

        containers.assertThatEvents().haveExactly(1,
                event(container(NeedsAMissingService.class), skippedWithReason(reason -> reason.contains("Imaginary at localhost:1"))));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith(ServiceReachableCondition.SKIP_NOTICE)
                .contains("Imaginary at localhost:1 is not reachable");
    }

    @Test
    void aMissingServiceFailsTheTestUnderCi() {
        System.setProperty(ServiceReachableCondition.CI_PROPERTY, "true");

        Events containers = run(NeedsAMissingService.class).containerEvents();

        containers.assertThatEvents().haveExactly(1, event(container(NeedsAMissingService.class),
                finishedWithFailure(message(text -> text.contains("Imaginary at localhost:1 is not reachable")
                        && text.contains("CI=true")))));
    }

    @Test
    void aListeningServiceIsReachable() throws IOException {
        try (ServerSocket listening = new ServerSocket(0)) {
            assertThat(ServiceReachableCondition.reachable("localhost", listening.getLocalPort())).isTrue();
        }
        assertThat(ServiceReachableCondition.reachable("localhost", CLOSED_PORT)).isFalse();
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }
}
