package io.tandem.localstack.junit;

import io.tandem.localstack.Engine;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against real engines: those named are started (side by side) before its first test and shared
 * with every other class of the test run; an {@link Engines} parameter gives their addresses. Where this machine
 * cannot run one of them, the class is skipped with the reason.
 *
 * <p>Engines are shared, so a test uses its own index and topic names ({@link Engines#uniqueName}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalStackExtension.class)
public @interface WithEngines {

    /** Engines the class needs: the class is skipped where any of them cannot run here. */
    Engine[] value();

    /** Engines started side by side with the others, whose tests skip themselves where they cannot run here. */
    Engine[] optional() default {};
}
