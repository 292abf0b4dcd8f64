package io.github.absgd.util;

/**
 * Something a caller gave the library is wrong or unusable: a file, a value, a run directory. The
 * message names what is at fault (the file, line or value) and, where it helps, what to do, so an
 * application can show it as it is. Programming errors stay {@link IllegalArgumentException} and
 * {@link IllegalStateException}.
 */
public class AbsgdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AbsgdException(String message) {
        super(message);
    }

    public AbsgdException(String message, Throwable cause) {
        super(message, cause);
    }
}
