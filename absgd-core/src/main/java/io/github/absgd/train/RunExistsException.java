package io.github.absgd.train;

import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;

/** A new run was asked for in a directory that already holds one. */
public final class RunExistsException extends AbsgdException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public RunExistsException(Path directory) {
        super(directory + " already holds a run (" + CheckpointFile.FILE_NAME + "); resume it, or choose another directory");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
