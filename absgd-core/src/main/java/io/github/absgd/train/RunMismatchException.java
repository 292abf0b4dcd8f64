package io.github.absgd.train;

import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;
import java.util.List;

/** A run was to be resumed with another specification than the one it was started with. */
public final class RunMismatchException extends AbsgdException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final List<String> differences;

    public RunMismatchException(Path directory, List<String> differences) {
        super("the run in " + directory + " was started with other settings (" + String.join("; ", differences)
                + "); resume it with the same settings, or choose another directory");
        this.directory = directory;
        this.differences = List.copyOf(differences);
    }

    public Path directory() {
        return directory;
    }

    /** One entry per setting, e.g. {@code lr was 0.1, now 0.2}. */
    public List<String> differences() {
        return differences;
    }
}
