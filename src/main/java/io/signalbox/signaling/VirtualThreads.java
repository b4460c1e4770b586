package io.signalbox.signaling;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Virtual threads where the JVM has them (Java 21 on), looked up at run time so that the WAR
 * still runs on Java 17, where there are none.
 */
final class VirtualThreads {

    private VirtualThreads() {
    }

    /** An executor that starts a new virtual thread for each task, or empty before Java 21. */
    static Optional<Executor> executor() {
        try {
            return Optional.of((Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not make the virtual thread executor", e);
        }
    }
}
