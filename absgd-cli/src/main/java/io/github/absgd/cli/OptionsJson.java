package io.github.absgd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The values of an options object as JSON keyed by long option names (as --config files are written). */
final class OptionsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionsJson() {}

    static ObjectNode of(Object annotatedOptions) {
        ObjectNode node = JSON.createObjectNode();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(annotatedOptions).options()) {
            String key = option.longestName().replaceFirst("^--", "");
            if (key.equals("help") || key.equals("version")) {
                continue;
            }
            Object value = option.getValue();
            if (value instanceof Path path) {
                node.put(key, path.toString());
            } else if (value instanceof Collection<?> || value == null || value instanceof Number || value instanceof Boolean
                    || value instanceof String) {
                node.set(key, JSON.valueToTree(value));
            } else {
                node.put(key, value.toString());
            }
        }
        return node;
    }
}
