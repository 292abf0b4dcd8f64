package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.util.Locale;

/** Symmetric (to any other class) or asymmetric (along a fixed class map) label noise. */
public enum NoiseType {
    SYM,
    ASYM;

    /** Parses "sym" or "asym". */
    public static NoiseType parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("noise-type", "must be sym or asym, got '" + text + "'");
        }
    }
}
