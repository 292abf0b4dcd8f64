package io.github.absgd.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads --out: a directory's path; an empty one (which would write into the current directory) is refused. */
final class OutDirectory implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("must name a directory, got '" + value + "'");
        }
        return Path.of(value);
    }
}
