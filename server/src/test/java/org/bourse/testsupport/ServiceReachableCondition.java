package org.bourse.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Decides {@link RequiresService}: run, skip with a printed notice, or fail under CI. A service is probed
 * once per test JVM; later classes reuse the answer instead of waiting for the timeout again.
 */
public final class ServiceReachableCondition implements ExecutionCondition {

    /** Set by surefire from the environment variable {@code CI}; see the root pom. */
    public static final String CI_PROPERTY = "bourse.ci";
    public static final String SKIP_NOTICE = "bourse: SKIPPED ";

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final Map<String, Boolean> PROBED = new ConcurrentHashMap<>();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<RequiresService> required = context.getElement()
                .map(element -> AnnotationSupport.findRepeatableAnnotations(element, RequiresService.class))
                .orElse(List.of());
        for (RequiresService service : required) {
            if (!reachable(service.host(), service.port())) {
                return missing(service, context.getDisplayName());
            }
        }
        return ConditionEvaluationResult.enabled(required.isEmpty() ? "no service required" : "required services are reachable");
    }

    private static ConditionEvaluationResult missing(RequiresService service, String test) {
        String what = service.name() + " at " + service.host() + ":" + service.port() + " is not reachable";
        if ("true".equalsIgnoreCase(System.getProperty(CI_PROPERTY))) {
            throw new IllegalStateException("bourse: " + test + " needs " + what + ", and under CI=true tests that need a "
                    + "service must run rather than be skipped: start " + service.name() + " for the build");
        }
        System.out.println(SKIP_NOTICE + test + ": " + what + " (under CI=true this fails)");
        return ConditionEvaluationResult.disabled(what);
    }

    static boolean reachable(String host, int port) {
        return PROBED.computeIfAbsent(host + ":" + port, key -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
