package io.github.absgd.util;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Path;

/** The JSON mapper of specifications: file paths as they were written ({@code data/x.csv}), not as URIs. */
public final class SpecJson {

    private SpecJson() {}

    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("paths")
            .addSerializer(Path.class, ToStringSerializer.instance)
            .addDeserializer(Path.class, new StdDeserializer<>(Path.class) {
                @Override
                public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    return Path.of(parser.getValueAsString());
                }
            }));
}
