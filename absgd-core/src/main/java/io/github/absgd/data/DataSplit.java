package io.github.absgd.data;

/** A training set and a test set read together (they share classes and encodings). */
public record DataSplit(LabeledData train, LabeledData test) {}
