package io.signalbox.concurrent;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order given, on a pool's threads, with the application's
 * class loader: what must happen in order (Janus's events, one session's commands under the media
 * server) leaves the thread that received it at once, so a slow step never holds that thread up,
 * and still happens in the order it came.
 */
public final class InOrder implements Executor {
    private static final System.Logger LOG = System.getLogger(InOrder.class.getName());

    private final Executor pool;
    private final ClassLoader application;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public InOrder(Executor pool, ClassLoader application) {
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
                    LOG.log(Level.WARNING, "a task run in order failed", e);
                }
            }
        } catch (Error e) {
            LOG.log(Level.ERROR, "a task run in order failed", e);
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
