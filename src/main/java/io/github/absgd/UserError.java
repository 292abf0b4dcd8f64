package io.github.absgd;

/**
 * A problem with what the user gave us (a file, a value, an option), reported as one clear line
 * without a stack trace. The message names the file, line or value at fault and, where it helps,
 * what to do.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public UserError(String message) {
        this(message, 2, null);
    }

    public UserError(String message, Throwable cause) {
        this(message, 2, cause);
    }

    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code the command line uses for this error. */
    public int exitCode() {
        return exitCode;
    }
}
