package io.github.absgd.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory chores that are best effort: scratch and temporary directories the system cleans anyway. */
public final class Directories {

    private Directories() {}

    /** Deletes {@code dir} and everything in it, as far as it can; a leftover is harmless. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: the rest still goes
                }
            }
        } catch (IOException ignored) {
            // best effort: nothing to walk, or it went meanwhile
        }
    }
}
