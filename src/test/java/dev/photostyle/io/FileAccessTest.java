package dev.photostyle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.testing.BadFiles;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAccessTest {
    @TempDir
    Path tmp;

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".partial")
                    || p.getFileName().toString().equals("out.png")), "something was written");
        }
    }

    @Test
    void reasonsAreWordsNotPaths() {
        // Java's own messages are the bare path; these are what users read instead.
        assertEquals("permission denied", FileAccess.reason(new AccessDeniedException("/x/in.png")));
        assertEquals("file not found", FileAccess.reason(new NoSuchFileException("/x/in.png")));
        assertTrue(FileAccess.reason(new EOFException()).contains("truncated"));
        Path out = tmp.resolve("out.png");
        IOException w = FileAccess.writeFailure(out, new AccessDeniedException(tmp.resolve(".out.png.1.partial").toString()));
        assertEquals("cannot write " + out + ": folder " + tmp + " is not writable (permission denied)", w.getMessage());
        IOException r = FileAccess.readFailure(out, new AccessDeniedException(out.toString()));
        assertEquals("cannot read " + out + ": permission denied", r.getMessage());
    }

    @Test
    void atomicOutputNamesMissingFolderAndFolderTarget() throws IOException {
        Path out = tmp.resolve("no/such/out.png");
        IOException e = assertThrows(IOException.class, () -> AtomicOutput.writeString(out, "x"));
        assertEquals("cannot write " + out + ": folder " + tmp.resolve("no/such") + " does not exist", e.getMessage());
        Path folder = Files.createDirectory(tmp.resolve("out.png"));
        e = assertThrows(IOException.class, () -> AtomicOutput.writeString(folder, "x"));
        assertTrue(e.getMessage().endsWith(": it is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder), "the folder is left as it was");
        assertThrows(IOException.class, () -> FileAccess.requireWritable(folder));
        Files.delete(folder);
        assertNothingWritten();
        FileAccess.requireWritable(tmp.resolve("out.png")); // leaves no probe behind
        assertNothingWritten();
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void unwritableFolderIsNamedAndNothingIsLeft() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        BadFiles.revokeAccess(dir);
        Path out = dir.resolve("out.png");
        IOException e = assertThrows(IOException.class, () -> AtomicOutput.writeString(out, "x"));
        assertEquals("cannot write " + out + ": folder " + dir + " is not writable (permission denied)", e.getMessage());
        e = assertThrows(IOException.class, () -> FileAccess.requireWritable(out));
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        assertNothingWritten();
    }
}
