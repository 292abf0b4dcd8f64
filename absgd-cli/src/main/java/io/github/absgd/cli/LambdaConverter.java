package io.github.absgd.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads --lambda: a number, or none / erm / null for plain ERM (200 is the reference code's sentinel for it). */
public final class LambdaConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("none") || v.equals("erm") || v.equals("null")) {
            return null;
        }
        try {
            double lambda = Double.parseDouble(v);
            if (lambda == 0 || !Double.isFinite(lambda)) {
                throw new TypeConversionException("lambda must be non-zero and finite, or none, got '" + value + "'");
            }
            return lambda;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number or none");
        }
    }
}
