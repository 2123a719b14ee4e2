package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Needs Debian's {@code chromium} and {@code chromium-driver} ({@link Browser#CHROMIUM}, {@link Browser#CHROMEDRIVER})
 * for browser tests. Like {@link RequiresService}: when either is missing the test is skipped with a printed
 * {@code bourse: SKIPPED} notice, and under {@code CI=true} it fails instead ({@code .ci/run} installs both).
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumInstalledCondition.class)
public @interface RequiresChromium {
}
