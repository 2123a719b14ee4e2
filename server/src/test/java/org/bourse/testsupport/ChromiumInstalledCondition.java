package org.bourse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides {@link RequiresChromium}: run, skip with a printed notice, or fail under CI, as for services. */
public final class ChromiumInstalledCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        for (Path program : new Path[] {Browser.CHROMIUM, Browser.CHROMEDRIVER}) {
            if (!Files.isExecutable(program)) {
                return missing(program, context.getDisplayName());
            }
        }
        return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
    }

    private static ConditionEvaluationResult missing(Path program, String test) {
        String what = program + " is not installed (Debian packages chromium and chromium-driver)";
        if ("true".equalsIgnoreCase(System.getProperty(ServiceReachableCondition.CI_PROPERTY))) {
            throw new IllegalStateException("bourse: " + test + " needs " + what + ", and under CI=true browser tests "
                    + "must run rather than be skipped: .ci/run installs them with apt-get");
        }
        System.out.println(ServiceReachableCondition.SKIP_NOTICE + test + ": " + what + " (under CI=true this fails)");
        return ConditionEvaluationResult.disabled(what);
    }
}
