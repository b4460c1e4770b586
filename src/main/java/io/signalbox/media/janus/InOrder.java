package io.signalbox.media.janus;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order given, on a pool's threads, with the application's
 * class loader: Janus's events leave the socket's thread at once, so handling one (which locks
 * and sends) never holds up the socket, and still happen in the order Janus sent them.
 */
final class InOrder implements Executor {
    private static final System.Logger LOG = System.getLogger(InOrder.class.getName());

    private final Executor pool;
    private final ClassLoader application;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    InOrder(Executor pool, ClassLoader application) {
        this.pool = pool;
        this.application = application;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.log(Level.WARNING, "handling an event of Janus failed", e);
                }
            }
        } catch (Error e) {
            LOG.log(Level.ERROR, "handling an event of Janus failed", e);
            throw e;
        } finally {
            thread.setContextClassLoader(before);
            draining.set(false);
            // A task added after the last poll (or left by a failure) needs a drain of its own.
            if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
                pool.execute(this::drain);
            }
        }
    }
}
