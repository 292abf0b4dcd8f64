package io.github.absgd.data;

import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;

/**
 * A data file or a data option the user gave us is wrong. The message always starts with the file
 * (or option) at fault, so the command line can print it as one self-explanatory line.
 */
public final class BadDataException extends AbsgdException {

    private static final long serialVersionUID = 1L;

    public BadDataException(String message) {
        super(message);
    }

    public BadDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "FILE: WHAT", the form every reader uses. */
    public static BadDataException inFile(Path file, String what) {
        return new BadDataException(file + ": " + what);
    }

    /** "FILE: WHAT", keeping the cause for --verbose. */
    public static BadDataException inFile(Path file, String what, Throwable cause) {
        return new BadDataException(file + ": " + what, cause);
    }

    /** Fails unless the file exists and is a regular file. */
    static Path requireFile(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw inFile(file, java.nio.file.Files.isDirectory(file) ? "is a directory, expected a file" : "no such file");
        }
        return file;
    }

    /** Fails unless the directory exists. */
    static Path requireDirectory(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw inFile(dir, java.nio.file.Files.exists(dir) ? "is not a directory" : "no such directory");
        }
        return dir;
    }
}
