package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Needs the anvil binary ({@link Anvil#locate()}): installed by {@code .ci/run} with npm into
 * {@code ~/.cache/bourse-tools}, or named by {@code BOURSE_ANVIL}. Missing, the test is skipped with a printed
 * {@code bourse: SKIPPED} notice; under {@code CI=true} it fails instead, like {@link RequiresService}.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresAnvil.Condition.class)
public @interface RequiresAnvil {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Anvil.locate().isPresent()) {
                return ConditionEvaluationResult.enabled("anvil is installed");
            }
            String what = "the anvil binary (npm package @foundry-rs/anvil) is not installed: set BOURSE_ANVIL or run "
                    + "npm install --prefix ~/.cache/bourse-tools @foundry-rs/anvil@1.7.1";
            if ("true".equalsIgnoreCase(System.getProperty(ServiceReachableCondition.CI_PROPERTY))) {
                throw new IllegalStateException("bourse: " + context.getDisplayName() + " needs " + what
                        + ", and under CI=true it must run rather than be skipped");
            }
            System.out.println(ServiceReachableCondition.SKIP_NOTICE + context.getDisplayName() + ": " + what
                    + " (under CI=true this fails)");
            return ConditionEvaluationResult.disabled(what);
        }
    }
}
