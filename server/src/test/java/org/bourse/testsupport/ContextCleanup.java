package org.bourse.testsupport;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs a clean-up when a test's Spring context closes, after every bean of it (data sources, clients) is gone. */
final class ContextCleanup {

    private ContextCleanup() {
    }

    /** Call before the context is refreshed: registered first, so destroyed last. */
    static void afterClose(ConfigurableApplicationContext context, String name, Runnable cleanup) {
        if (!(context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry)) {
            throw new IllegalStateException("cannot register the clean-up '" + name + "' with " + context.getBeanFactory());
        }
        registry.registerDisposableBean("bourse.test.cleanup." + name, cleanup::run);
    }
}
