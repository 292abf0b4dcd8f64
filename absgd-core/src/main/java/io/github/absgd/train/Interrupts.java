package io.github.absgd.train;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * A stop asked for during training: Ctrl-C (SIGINT) or SIGTERM (what Kubernetes, systemd and Slurm
 * send). The first asks the loop to finish its current step and write a checkpoint (the run can
 * then be resumed); a second ends the process at once. The process then exits as a shell expects
 * for that signal: 130 for SIGINT, 143 for SIGTERM.
 */
public final class Interrupts {

    /** The signal that asked for the stop, or null. */
    private static final AtomicReference<String> REQUESTED = new AtomicReference<>();
    private static volatile boolean installed;

    private Interrupts() {}

    /** Installs the handlers once per process (command-line runs only; tests call {@link #request}). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> requested(name));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // no such signal here: it ends the run as usual, the last epoch's checkpoint stays
            }
        }
    }

    private static void requested(String signal) {
        if (REQUESTED.getAndSet(signal) != null) {
            System.err.println("\nabsgd: SIG" + signal + " again; stopping without a checkpoint");
            Runtime.getRuntime().halt(exitCode(signal));
        }
        System.err.println("\nabsgd: SIG" + signal + ": finishing the current step and writing a checkpoint"
                + " (send it again to stop at once)");
    }

    public static boolean requested() {
        return REQUESTED.get() != null;
    }

    /** The signal that stopped the run ("INT" or "TERM"), or null. */
    public static String signal() {
        return REQUESTED.get();
    }

    /** The exit code for a run stopped by {@link #signal()}: 128 + the signal's number. */
    public static int exitCode() {
        return exitCode(REQUESTED.get());
    }

    private static int exitCode(String signal) {
        return "TERM".equals(signal) ? 143 : 130;
    }

    /** For tests and embedding applications: ask for a stop as SIGINT would, or clear the request. */
    public static void request(boolean value) {
        REQUESTED.set(value ? "INT" : null);
    }

    /** "SIGTERM" or "SIGINT", for messages. */
    public static String describe() {
        String signal = REQUESTED.get();
        return signal == null ? "a stop request" : "SIG" + signal;
    }
}
