package io.github.absgd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds ../shared (beside the project) as CI lays it out; a missing directory fails, never skips. */
public final class SharedFiles {

    private SharedFiles() {}

    public static Path sharedDir() {
        String configured = System.getProperty("absgd.shared");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "shared");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("shared directory not found at " + dir.toAbsolutePath()
                    + " (the project expects ../shared beside it, with golden/ inside)");
        }
        return dir.toAbsolutePath().normalize();
    }

    public static Path goldenDir() {
        Path dir = sharedDir().resolve("golden");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("golden directory missing: " + dir);
        }
        return dir;
    }
}
