package io.github.absgd.train;

import java.nio.file.Path;

/** One run of a grid (compare, sweep): its specification, its directory and a label for progress lines. */
public record GridJob(RunSpec spec, Path dir, String label) {}
