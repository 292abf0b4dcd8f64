package io.github.absgd.train;

import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;

/** Another run (another process, or another run in this one) is writing into the directory. */
public final class RunLockedException extends AbsgdException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final String holder;

    public RunLockedException(Path directory, String holder) {
        super(directory + " is in use by another run (" + holder + "); wait for it to end, or choose another directory");
        this.directory = directory;
        this.holder = holder;
    }

    public Path directory() {
        return directory;
    }

    /** Who holds the lock, as its lock file says, e.g. "pid 4242 since 2026-11-29T22:50:00Z". */
    public String holder() {
        return holder;
    }
}
