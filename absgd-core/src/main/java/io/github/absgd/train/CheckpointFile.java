package io.github.absgd.train;

import io.github.absgd.util.Problems;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.util.AtomicFiles;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.optim.StatefulOptimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One checkpoint file: the run's state as JSON ({@link CheckpointState}), the model's parameters
 * (BatchNorm statistics included), the optimizer's state, and a CRC32 of all of it.
 *
 * <p>Writing goes to a temporary file in the same directory, forced to disk, then renamed over
 * the old checkpoint in one atomic step: a crash at any moment leaves the previous checkpoint
 * whole. Reading checks the magic, the CRC and the parameter shapes before loading anything, so a
 * corrupted or foreign file is reported, never half-loaded.
 */
public final class CheckpointFile {

    public static final String FILE_NAME = "checkpoint.bin";
    /** The best validation epoch's checkpoint, kept beside the last with {@link Keep#BEST_VAL}. */
    public static final String BEST_FILE_NAME = "checkpoint-best.bin";
    private static final byte[] MAGIC = "ABSGD-CHECKPOINT\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {}

    /** Writes a checkpoint atomically to {@code file}. */
    public static void write(Path file, CheckpointState state, Block block, StatefulOptimizer optimizer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT);
        CheckpointState withShapes = state.withParameterShapes(parameterShapes(block));
        writeSection(out, JSON.writeValueAsBytes(withShapes));
        ByteArrayOutputStream parameters = new ByteArrayOutputStream(1 << 20);
        block.saveParameters(new DataOutputStream(parameters));
        writeSection(out, parameters.toByteArray());
        ByteArrayOutputStream optimizerState = new ByteArrayOutputStream();
        Map<String, String> idToName = new HashMap<>();
        block.getParameters().forEach(p -> idToName.put(p.getValue().getId(), p.getKey()));
        optimizer.saveState(new DataOutputStream(optimizerState), id -> idToName.getOrDefault(id, id));
        writeSection(out, optimizerState.toByteArray());
        out.flush();
        sealAndWrite(file, bytes);
    }

    /** Appends the CRC32 of everything written so far and writes the whole atomically. */
    private static void sealAndWrite(Path file, ByteArrayOutputStream bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        new DataOutputStream(bytes).writeLong(crc.getValue());
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /**
     * Copies a verified checkpoint to {@code to} (atomically) with its state section replaced by
     * {@code change} of it; the parameters and optimizer state are copied byte for byte.
     */
    static void copyWithState(Path from, Path to, java.util.function.UnaryOperator<CheckpointState> change) throws IOException {
        byte[] content = verified(from);
        DataInputStream in = sections(content);
        skipSection(in);
        byte[] arrays = Arrays.copyOfRange(content, content.length - 8 - in.available(), content.length - 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT);
        writeSection(out, JSON.writeValueAsBytes(change.apply(stateSection(from, content))));
        out.write(arrays);
        out.flush();
        sealAndWrite(to, bytes);
    }

    /** Reads the state section only (after checking the whole file), e.g. to resume or evaluate. */
    public static CheckpointState readState(Path file) {
        return stateSection(file, verified(file));
    }

    /**
     * Loads a verified checkpoint into {@code block} (and {@code optimizer} when not null); the
     * block's parameter shapes must equal those the checkpoint was written with.
     */
    public static CheckpointState load(
            Path file, String modelName, Block block, StatefulOptimizer optimizer, NDManager manager) {
        byte[] content = verified(file);
        CheckpointState state = stateSection(file, content);
        List<String> expected = parameterShapes(block);
        if (!state.model().equals(modelName)) {
            throw new AbsgdException(file + ": checkpoint of model '" + state.model() + "', not '" + modelName + "'");
        }
        if (!expected.equals(state.parameterShapes())) {
            throw new AbsgdException(file + ": checkpoint of model '" + state.model() + "' does not fit the model as configured"
                    + " here: " + firstDifference(state.parameterShapes(), expected)
                    + " (another number of classes, input shape or architecture setting)");
        }
        try {
            DataInputStream in = sections(content);
            skipSection(in); // state
            byte[] parameters = new byte[in.readInt()];
            in.readFully(parameters);
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            byte[] optimizerState = new byte[in.readInt()];
            in.readFully(optimizerState);
            if (optimizer != null) {
                Map<String, String> nameToId = new HashMap<>();
                block.getParameters().forEach(p -> nameToId.put(p.getKey(), p.getValue().getId()));
                optimizer.loadState(new DataInputStream(new ByteArrayInputStream(optimizerState)), manager,
                        name -> nameToId.getOrDefault(name, name));
            }
        } catch (IOException | MalformedModelException e) {
            throw new AbsgdException(file + ": cannot load checkpoint: " + Problems.describe(asIo(e)), e);
        }
        return state;
    }

    /** "name:shape" for every parameter, in the block's order. */
    static List<String> parameterShapes(Block block) {
        List<String> shapes = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            Parameter p = parameter.getValue();
            shapes.add(parameter.getKey() + ":" + (p.isInitialized() ? p.getArray().getShape() : "?"));
        }
        return shapes;
    }

    /** The first parameter whose name or shape differs: "parameter X is (10, 128) in the checkpoint, (100, 128) here". */
    static String firstDifference(List<String> saved, List<String> here) {
        for (int i = 0; i < Math.min(saved.size(), here.size()); i++) {
            if (!saved.get(i).equals(here.get(i))) {
                String[] a = saved.get(i).split(":", 2);
                String[] b = here.get(i).split(":", 2);
                return a[0].equals(b[0])
                        ? "parameter " + a[0] + " is " + a[1] + " in the checkpoint, " + b[1] + " here"
                        : "parameter " + (i + 1) + " is " + saved.get(i) + " in the checkpoint, " + here.get(i) + " here";
            }
        }
        return "the checkpoint has " + saved.size() + " parameters, the model here " + here.size();
    }

    private static byte[] verified(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AbsgdException(file + ": " + Problems.describe(e), e);
        }
        if (content.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(content, MAGIC.length), MAGIC)) {
            throw new AbsgdException(file + ": not an absgd checkpoint (wrong magic bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - 8);
        long stored = ByteBuffer.wrap(content, content.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new AbsgdException(file + ": checkpoint is corrupted (checksum mismatch); nothing was loaded");
        }
        int format = ByteBuffer.wrap(content, MAGIC.length, 4).getInt();
        if (format != FORMAT) {
            throw new AbsgdException(file + ": checkpoint format " + format + " is not supported (expected " + FORMAT + ")");
        }
        return content;
    }

    private static CheckpointState stateSection(Path file, byte[] content) {
        try {
            DataInputStream in = sections(content);
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return JSON.readValue(state, CheckpointState.class);
        } catch (IOException e) {
            throw new AbsgdException(file + ": checkpoint state unreadable: " + Problems.describe(e), e);
        }
    }

    private static DataInputStream sections(byte[] content) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, 0, content.length - 8));
        in.skipNBytes(MAGIC.length + 4);
        return in;
    }

    private static void writeSection(DataOutputStream out, byte[] section) throws IOException {
        out.writeInt(section.length);
        out.write(section);
    }

    private static void skipSection(DataInputStream in) throws IOException {
        in.skipNBytes(in.readInt());
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
}
