package io.signalbox.concurrent;

import java.lang.System.Logger.Level;

/**
 * Runs a task on a thread that is not the container's (the JDK's HTTP client, a virtual thread)
 * with the application's class loader, which finds JSON-P, JSON-B and CDI there; a failure is
 * logged, not thrown back into the thread that lent itself.
 */
public final class InApplication {
    private static final System.Logger LOG = System.getLogger(InApplication.class.getName());

    private InApplication() {
    }

    /** Runs {@code task} with {@code application} as the thread's context class loader, logging what fails as {@code what}. */
    public static void run(ClassLoader application, String what, Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            task.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(Level.WARNING, what + " failed", e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
