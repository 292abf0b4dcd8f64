package io.github.absgd.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads whole files into memory: binary files inflating gzip transparently (detected by its magic
 * 0x1f8b), text files as strict UTF-8 lines.
 */
final class RawFiles {

    private RawFiles() {}

    /** The file's bytes; a clear error if it is missing or unreadable. */
    private static byte[] readAll(Path file) {
        BadDataException.requireFile(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw BadDataException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The file's bytes, inflated if the file is gzip'd; a clear error if missing or unreadable. */
    static byte[] readMaybeGzipped(Path file) {
        byte[] raw = readAll(file);
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

    /**
     * The file's lines, read as UTF-8: a byte-order mark at the start is dropped; lines end at
     * {@code \n}, {@code \r\n} or {@code \r}, so list index + 1 is the line number. Bytes that are
     * not UTF-8 (e.g. a file saved as Latin-1 or UTF-16) fail naming the first line holding them.
     */
    static List<String> readUtf8Lines(Path file) {
        byte[] raw = readAll(file);
        if (raw.length >= 2 && ((raw[0] & 0xff) == 0xfe && (raw[1] & 0xff) == 0xff
                || (raw[0] & 0xff) == 0xff && (raw[1] & 0xff) == 0xfe)) {
            throw BadDataException.inFile(file, "is UTF-16 text (it starts with a UTF-16 byte-order mark); save the file as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw BadDataException.inFile(file, "line " + lineAt(raw, in.position())
                    + " is not valid UTF-8; save the file as UTF-8");
        }
        String text = out.flip().toString();
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        return text.lines().toList();
    }

    /** The 1-based number of the line holding byte {@code position} (lines end at \n, \r\n or \r). */
    private static int lineAt(byte[] raw, int position) {
        int line = 1;
        for (int i = 0; i < position && i < raw.length; i++) {
            if (raw[i] == '\n' || raw[i] == '\r' && (i + 1 >= raw.length || raw[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }
}
