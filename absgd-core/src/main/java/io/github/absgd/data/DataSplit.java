package io.github.absgd.data;

/**
 * A training set and a test set read together (they share classes and encodings), and a
 * validation set read from its own file with them (null: none, or carved later from the training set).
 */
public record DataSplit(LabeledData train, LabeledData test, LabeledData validation) {

    public DataSplit(LabeledData train, LabeledData test) {
        this(train, test, null);
    }
}
