package io.github.absgd.train;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C during training: the first SIGINT asks the loop to finish its current step and write a
 * checkpoint (the run can then be resumed with --resume); a second one ends the process at once.
 */
public final class Interrupts {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private Interrupts() {}

    /** Installs the handler once per process (command-line runs only; tests do not call it). */
    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        try {
            Signal.handle(new Signal("INT"), signal -> {
                if (REQUESTED.getAndSet(true)) {
                    System.err.println("\nabsgd: interrupted again; stopping without a checkpoint");
                    Runtime.getRuntime().halt(130);
                }
                System.err.println("\nabsgd: interrupt: finishing the current step and writing a checkpoint"
                        + " (Ctrl-C again to stop at once)");
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT on this platform: Ctrl-C ends the run, the last epoch's checkpoint stays
        }
    }

    static boolean requested() {
        return REQUESTED.get();
    }

    /** For tests: simulate or clear a request. */
    static void request(boolean value) {
        REQUESTED.set(value);
    }
}
