package io.github.absgd.cli;

import picocli.CommandLine;

/** Reports the library version and the DJL / libtorch versions it is built on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "absgd " + (version == null ? "0.1.0-SNAPSHOT" : version),
            "DJL 0.36.0, PyTorch engine (libtorch 2.7.1, CPU)"
        };
    }
}
