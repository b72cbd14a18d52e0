package io.tandem.localstack.process;

import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import java.util.Arrays;

/**
 * A stand-in for a test JVM, run as its own process by {@link NoOrphanEngineIT}: starts engines, prints
 * {@code ENGINE <id> <pid>} per engine and {@code READY}, then waits to be killed.
 */
public final class StackHolderMain {

    private StackHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(new LocalProcessProvider());
        stack.start(Arrays.stream(args).map(Engine::fromId).toList()).forEach((engine, running) ->
                System.out.println("ENGINE " + engine.id() + " " + running.endpoint().pid().orElseThrow()));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
