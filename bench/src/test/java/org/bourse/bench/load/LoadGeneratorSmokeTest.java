package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the load generator in each mode against the packaged server, so the tool cannot rot:
 * the runs must be correct (no 5xx or other answer outside the contract, no acknowledged order lost, a
 * healthy audit) and must have traded. Nothing here asserts a duration or a rate.
 */
class LoadGeneratorSmokeTest {

    @TempDir
    static Path data;

    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        Optional<String> problem = ServerProcess.jarProblem();
        if (problem.isPresent() && "true".equalsIgnoreCase(System.getProperty("bourse.ci"))) {
            throw new IllegalStateException("bourse: the load generator smoke test needs the server jar: " + problem.get());
        }
        if (problem.isPresent()) {
            System.out.println("bourse: SKIPPED load generator smoke test: " + problem.get() + " (under CI=true this fails)");
        }
        Assumptions.assumeTrue(problem.isEmpty(), () -> problem.orElse(""));
        server = ServerProcess.start(data);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClosedLoopRunLosesNoOrderAndReconciles() {
        Map<String, Object> summary = correctRun("--mode", "closed", "--concurrency", "4", "--connections", "4");

        assertThat(((Number) summary.get("orders_acknowledged")).longValue()).isPositive();
    }

    @Test
    void anOpenLoopRunLosesNoOrderAndReconciles() {
        Map<String, Object> summary = correctRun("--mode", "open", "--rate", "40", "--connections", "8");

        assertThat(((Number) summary.get("orders_acknowledged")).longValue()).isPositive();
    }

    /** Runs the generator briefly with the given mode options; the run must pass. Returns its summary. */
    private static Map<String, Object> correctRun(String... mode) {
        String[] common = {"--url", server.url().toString(), "--users", "4", "--warmup", "0s", "--duration", "3s",
                "--admin-email", ServerProcess.ADMIN_EMAIL, "--reconcile-wait", "60s",
                "--admin-bootstrap-token-file", ServerProcess.adminBootstrapToken(data).toString()};
        String[] args = new String[common.length + mode.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(mode, 0, args, common.length, mode.length);

        LoadGenerator.Outcome outcome = LoadGenerator.run(LoadOptions.parse(args), System.out);

        assertThat(outcome.failures()).as(outcome.summary()).isEmpty();
        assertThat(outcome.passed()).isTrue();
        return Json.object(outcome.summary().substring(Report.SUMMARY_PREFIX.length()));
    }
}
