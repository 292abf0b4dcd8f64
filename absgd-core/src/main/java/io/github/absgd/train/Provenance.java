package io.github.absgd.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from, recorded in {@code results.json} beside the specification: this
 * library's version, DJL's and libtorch's, Java, the operating system and CPU, the git commit of
 * the checkout the library was built in (null outside a git checkout), and when the training
 * session started.
 */
public record Provenance(
        @JsonProperty("absgd_version") String absgdVersion,
        @JsonProperty("djl_version") String djlVersion,
        @JsonProperty("libtorch_version") String libtorchVersion,
        @JsonProperty("java_version") String javaVersion,
        @JsonProperty("os") String os,
        @JsonProperty("cpu") String cpu,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("started_at") String startedAt) {

    /** This process's provenance, for a session that started at {@code startedAt}. */
    public static Provenance current(Instant startedAt) {
        return new Provenance(readAbsgdVersion(), Engine.getDjlVersion(), Engine.getInstance().getVersion(),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readCpu(), readGitCommit(), startedAt.toString());
    }

    private static String readAbsgdVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/io/github/absgd/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    /** The CPU's model name (Linux), or the architecture elsewhere. */
    private static String readCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back to the architecture
        }
        return System.getProperty("os.arch");
    }

    /** HEAD of the git checkout that holds this library's classes, or null (a jar from elsewhere, no git). */
    private static String readGitCommit() {
        try {
            Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            while (dir != null && !Files.exists(dir.resolve(".git"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return null;
            }
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            boolean done = git.waitFor(10, TimeUnit.SECONDS);
            return done && git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException | InterruptedException | RuntimeException | java.net.URISyntaxException e) {
            return null;
        }
    }
}
