package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainReportTest {

    private static String reported(Exception ex, int expectedCode) {
        StringWriter text = new StringWriter();
        assertEquals(expectedCode, Main.report(ex, new PrintWriter(text), false));
        return text.toString();
    }

    @Test
    void userErrorsAreOneLineWithTheirExitCode() {
        String text = reported(new UserError("--lr: must be > 0, got -1"), 2);
        assertEquals("absgd: --lr: must be > 0, got -1", text.strip());
    }

    @Test
    void aNativeLibraryFailureNamesTheCacheDirectory() {
        String text = reported(new IllegalStateException("Failed to extract PyTorch native library"), 1);
        assertTrue(text.contains("DJL_CACHE_DIR"), text);
        assertTrue(text.contains("--verbose"), text);
    }
}
