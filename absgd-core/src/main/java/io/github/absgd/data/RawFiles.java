package io.github.absgd.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads whole files into memory, inflating gzip transparently (detected by its magic 0x1f8b). */
final class RawFiles {

    private RawFiles() {}

    /** The file's bytes, inflated if the file is gzip'd; a clear error if missing or unreadable. */
    static byte[] readMaybeGzipped(Path file) {
        BadDataException.requireFile(file);
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BadDataException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            // a gzip stream cut short is the usual cause: say so rather than "Unexpected end of ZLIB input"
            throw BadDataException.inFile(file, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }
}
