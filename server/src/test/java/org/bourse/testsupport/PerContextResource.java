package org.bourse.testsupport;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Something a test class's annotation asks for once per Spring context: a directory, a database schema, a
 * key prefix. Before the context starts, {@link #prepare()} creates it and names the properties pointing at
 * it; they take precedence over every other property source, and unlike {@code DynamicPropertyRegistrar}
 * beans they are in place before the server's filters and {@code @Conditional}s read them. When the context
 * closes, after every bean of it is gone, the clean-up runs. Subclasses are listed in
 * {@code META-INF/spring.factories}.
 */
abstract class PerContextResource implements ContextCustomizerFactory {

    /** The properties that point the server at the resource, and how to remove it afterwards. */
    record Prepared(Map<String, Object> properties, Runnable cleanup) {
    }

    private final Class<? extends Annotation> trigger;

    PerContextResource(Class<? extends Annotation> trigger) {
        this.trigger = trigger;
    }

    abstract Prepared prepare();

    @Override
    public final ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                           List<ContextConfigurationAttributes> configurations) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, trigger) ? new Customizer(this) : null;
    }

    /**
     * Equal for every test class with the trigger, so it never splits Spring's context cache: the resource is
     * made per context, when the context is built.
     */
    private static final class Customizer implements ContextCustomizer {

        private final PerContextResource resource;

        Customizer(PerContextResource resource) {
            this.resource = resource;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Prepared prepared = resource.prepare();
            String name = resource.getClass().getName();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(name, prepared.properties()));
            if (!(context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry)) {
                throw new IllegalStateException("cannot register the clean-up of " + name + " with " + context.getBeanFactory());
            }
            // Registered before any bean exists, so destroyed after all of them (data sources, clients).
            registry.registerDisposableBean(name, prepared.cleanup()::run);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer customizer && customizer.resource.getClass() == resource.getClass();
        }

        @Override
        public int hashCode() {
            return resource.getClass().hashCode();
        }
    }
}
