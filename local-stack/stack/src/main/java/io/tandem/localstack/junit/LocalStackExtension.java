package io.tandem.localstack.junit;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineUnavailableException;
import io.tandem.localstack.LocalStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps one {@link LocalStack} for the whole test run (in the root store, closed when the run ends; the engine
 * processes also exit on their own if this JVM dies) and starts the engines a class asks for with {@link WithEngines}.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalStack stack = stack(context);
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithEngines.class).ifPresent(wanted -> {
            List<Engine> all = new ArrayList<>(List.of(wanted.value()));
            all.addAll(List.of(wanted.optional()));
            try {
                stack.start(all);
            } catch (EngineUnavailableException e) {
                // an optional engine's absence is for its own tests to report, through Engines.get
                if (List.of(wanted.value()).stream().anyMatch(required -> isUnavailable(stack, required))) {
                    Assumptions.abort(e.getMessage());
                }
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Engines.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new Engines(stack(context));
    }

    private static boolean isUnavailable(LocalStack stack, Engine engine) {
        try {
            stack.endpoint(engine);
            return false;
        } catch (EngineUnavailableException e) {
            return true;
        }
    }

    private static LocalStack stack(ExtensionContext context) {
        // AutoCloseable values of the root store are closed when the test run ends
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalStack.class, k -> LocalStack.fromSystemProperties(), LocalStack.class);
    }
}
