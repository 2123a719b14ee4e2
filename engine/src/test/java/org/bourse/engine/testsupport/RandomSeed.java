package org.bourse.engine.testsupport;

import java.lang.reflect.Method;
import java.security.SecureRandom;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The one place randomized tests get their seed from, in the engine and the server alike. A test (or its
 * constructor, or a lifecycle method) declares a {@link Seed} parameter and the class carries
 * {@code @ExtendWith(RandomSeed.class)}. The seed is {@code -Dbourse.seed} when set, else a fresh random one;
 * it is printed when handed out, and a failure of the test gets the line to replay it attached (as a
 * suppressed exception), whatever the failing assertion said.
 */
public final class RandomSeed implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RandomSeed.class);
    private static final SecureRandom FRESH = new SecureRandom();

    /** A seed without JUnit, for a program or a helper outside a test method. */
    public static Seed of(String test) {
        String fixed = System.getProperty(Seed.PROPERTY);
        long value = fixed == null || fixed.isBlank() ? FRESH.nextLong() : Long.parseLong(fixed.trim());
        Seed seed = new Seed(value, test);
        System.out.println("seed=" + value + " for " + test + "; replay with " + seed.replay());
        return seed;
    }

    /** A constructor's seed, too, is made for (and named after) the one test method the instance is made for. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Seed.class;
    }

    @Override
    public Seed resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Seed seed = of(testName(context));
        context.getStore(NAMESPACE).put(Seed.class, seed);
        return seed;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withReplay(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withReplay(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withReplay(context, failure);
    }

    private static Throwable withReplay(ExtensionContext context, Throwable failure) {
        Seed seed = context.getStore(NAMESPACE).get(Seed.class, Seed.class);
        if (seed != null) {
            failure.addSuppressed(new AssertionError("randomized with " + seed));
        }
        return failure;
    }

    /** {@code Class#method} of the test running, or the class alone for a class-level seed. */
    private static String testName(ExtensionContext context) {
        String test = context.getRequiredTestClass().getSimpleName();
        return context.getTestMethod().map(Method::getName).map(method -> test + "#" + method).orElse(test);
    }
}
