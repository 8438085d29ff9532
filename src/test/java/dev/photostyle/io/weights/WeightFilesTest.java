package dev.photostyle.io.weights;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection and the one-line errors for files that are not weights at all. */
class WeightFilesTest {
    @TempDir
    Path dir;

    @Test
    void missingFile() {
        PthReaderTest.assertOneLineError(dir.resolve("nope.pth"), "no such file");
    }

    @Test
    void directory() {
        PthReaderTest.assertOneLineError(dir, "is a directory");
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.write(dir.resolve("empty.pth"), new byte[0]);
        PthReaderTest.assertOneLineError(f, "file is empty");
    }

    @Test
    void textFile() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.pth"), "these are not weights\n");
        PthReaderTest.assertOneLineError(f, "not a recognised weights file");
    }
}
