package org.bourse.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.ServiceReachableCondition;
import org.bourse.testsupport.Traders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 25's "a real client runs against it": {@code clients/ccxt/check.js}, ccxt's own {@code binance} class from
 * npm pointed at this server, on a market of its own. Needs node and the pinned ccxt installed in
 * {@code clients/ccxt/node_modules} ({@code npm ci} there; {@code .ci/run} does it). Missing, the test is skipped
 * with a printed notice; under {@code CI=true} it fails.
 */
@BourseHttpTest
// signed requests carry the wall clock's time: a context of their own, whose TestClock no other test class has moved
@TestPropertySource(properties = {"bourse.test.context=wall-clock", "bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
@ExtendWith(CcxtClientTest.NodeAndCcxtInstalled.class)
class CcxtClientTest {

    static final Path NODE = Path.of(System.getenv().getOrDefault("BOURSE_NODE", "/usr/bin/node"));

    @LocalServerPort
    int port;

    @Test
    void ccxtsBinanceClassTradesHereUnchanged() throws Exception {
        String coin = new Traders(port).newMarket();
        Path script = clientDirectory().orElseThrow().resolve("check.js");
        Path output = Files.createTempFile("ccxt-check", ".log");
        try {
            ProcessBuilder node = new ProcessBuilder(NODE.toString(), script.toString())
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            node.environment().put("BOURSE_URL", "http://localhost:" + port);
            node.environment().put("BOURSE_SYMBOL", coin + "-USD");
            Process process = node.start();
            boolean finished = process.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(printed);
            assertThat(finished).as("the ccxt check finished within 3 minutes:%n%s", printed).isTrue();
            assertThat(process.exitValue()).as("the ccxt check's exit status:%n%s", printed).isZero();
            assertThat(printed).contains("ccxt check: all steps matched");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** {@code clients/ccxt} of this checkout, found from the working directory (the server module when Maven runs). */
    static Optional<Path> clientDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("clients").resolve("ccxt");
            if (Files.isRegularFile(candidate.resolve("check.js"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static final class NodeAndCcxtInstalled implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<Path> client = clientDirectory();
            String missing = null;
            if (!Files.isExecutable(NODE)) {
                missing = "node (" + NODE + ", or BOURSE_NODE) is not installed";
            } else if (client.isEmpty()) {
                missing = "clients/ccxt/check.js is not found above " + Path.of("").toAbsolutePath();
            } else if (!Files.isRegularFile(client.get().resolve("node_modules/ccxt/package.json"))) {
                missing = "the pinned ccxt is not installed: run npm ci in " + client.get();
            }
            if (missing == null) {
                return ConditionEvaluationResult.enabled("node and ccxt are installed");
            }
            if ("true".equalsIgnoreCase(System.getProperty(ServiceReachableCondition.CI_PROPERTY))) {
                throw new IllegalStateException("bourse: " + context.getDisplayName() + " needs " + missing
                        + ", and under CI=true it must run rather than be skipped: .ci/run installs it");
            }
            System.out.println(ServiceReachableCondition.SKIP_NOTICE + context.getDisplayName() + ": " + missing
                    + " (under CI=true this fails)");
            return ConditionEvaluationResult.disabled(missing);
        }
    }
}
