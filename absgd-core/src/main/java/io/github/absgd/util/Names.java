package io.github.absgd.util;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enums spelled in specifications and on the command line by their constant's name in lower case
 * with dashes ({@code last-block} for {@code LAST_BLOCK}, {@code absgd-drw} for {@code ABSGD_DRW}).
 */
public final class Names {

    /** An enum constant's name in specifications, JSON and on the command line. */
    public interface Named {
        @JsonValue
        default String id() {
            return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private Names() {}

    /**
     * The constant of {@code type} named {@code text} (case and surrounding blanks ignored); an
     * unknown name is an {@link InvalidSettingException}: "SETTING 'text' is not one of: a, b, c".
     */
    public static <E extends Enum<E> & Named> E parse(Class<E> type, String text, String setting) {
        return find(type, text)
                .orElseThrow(() -> new InvalidSettingException(setting, "'" + text + "' is not one of: " + list(type, ", ")));
    }

    /** The constant of {@code type} named {@code text} (case and surrounding blanks ignored), if any. */
    public static <E extends Enum<E> & Named> Optional<E> find(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> text != null && constant.id().equalsIgnoreCase(text.trim()))
                .findFirst();
    }

    /** Every name of {@code type}, in declaration order, joined by {@code separator}. */
    public static <E extends Enum<E> & Named> String list(Class<E> type, String separator) {
        return Arrays.stream(type.getEnumConstants()).map(Named::id).collect(Collectors.joining(separator));
    }
}
