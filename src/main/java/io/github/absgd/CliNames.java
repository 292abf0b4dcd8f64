package io.github.absgd;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enums spelled on the command line by names of their own (e.g. {@code last-block} for {@code LAST_BLOCK}). */
public final class CliNames {

    /** An enum constant's command-line name. */
    public interface Named {
        String cliName();
    }

    private CliNames() {}

    /**
     * The constant of {@code type} named {@code text} (case and surrounding blanks ignored); an
     * unknown name is a {@link UserError}: "unknown WHAT 'text'; known: a, b, c".
     */
    public static <E extends Enum<E> & Named> E parse(Class<E> type, String text, String what) {
        return find(type, text).orElseThrow(() -> new UserError("unknown " + what + " '" + text + "'; known: " + list(type, ", ")));
    }

    /** The constant of {@code type} named {@code text} (case and surrounding blanks ignored), if any. */
    public static <E extends Enum<E> & Named> Optional<E> find(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> text != null && constant.cliName().equalsIgnoreCase(text.trim()))
                .findFirst();
    }

    /** Every name of {@code type}, in declaration order, joined by {@code separator}. */
    public static <E extends Enum<E> & Named> String list(Class<E> type, String separator) {
        return Arrays.stream(type.getEnumConstants()).map(Named::cliName).collect(Collectors.joining(separator));
    }
}
