package io.github.absgd.cli;

/**
 * A problem with what the user gave the command line (a file, a value, an option combination),
 * reported as one clear line without a stack trace, with an exit code. The library's own
 * exceptions ({@link io.github.absgd.util.AbsgdException}) are reported the same way by
 * {@link Main#report}.
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
