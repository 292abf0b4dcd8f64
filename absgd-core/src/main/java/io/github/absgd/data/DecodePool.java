package io.github.absgd.data;

import io.github.absgd.util.AbsgdException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of daemon threads that decode images off the training thread. Threads start when
 * there is work and end after {@link #IDLE_SECONDS} idle, so a run that stops or fails leaves none
 * running for long even before the pool is closed; {@link #close()} ends them at once (and waits).
 */
final class DecodePool implements AutoCloseable {

    /** The name every decoding thread's name starts with. */
    static final String THREAD_NAME = "absgd-image-decoder";

    private static final long IDLE_SECONDS = 2;
    private static final int MAX_THREADS = 8;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor executor;
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();

    /** A pool of as many threads as the machine has cores, at most {@link #MAX_THREADS}. */
    DecodePool() {
        this(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    DecodePool(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, THREAD_NAME + "-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps the JVM alive
            started.removeIf(old -> !old.isAlive()); // those that ended idle
            started.add(thread);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    int threads() {
        return executor.getMaximumPoolSize();
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * The result of {@code future}, waiting for it; a failure is rethrown as the task threw it (a
     * {@link BadDataException} naming the image file stays one).
     */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AbsgdException("decoding images failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbsgdException("interrupted while waiting for images to be decoded", e);
        }
    }

    /** Stops every thread, dropping queued work, and waits until running decodes end and every thread is gone. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            for (Thread thread : started) {
                thread.join(); // a decode in progress finishes its image: seconds at most
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
