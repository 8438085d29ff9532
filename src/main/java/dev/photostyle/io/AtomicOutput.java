package dev.photostyle.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers never see it half-written: the bytes go to a temporary file in
 * the target's directory, which is then moved over the target in one step.
 *
 * <p>Example: {@code AtomicOutput.write(path, out -> ImageIO.write(img, "png", out));}
 */
public final class AtomicOutput {
    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {}

    /**
     * Writes {@code target} atomically. On any failure the temporary file is removed, the target
     * is left as it was, and the exception says in one line which file and why ({@code cannot
     * write out.png: folder /shots is not writable (permission denied)}).
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) throw new IOException("cannot write " + target + ": it is a folder");
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw FileAccess.writeFailure(target, e);
        }
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            } catch (java.nio.file.FileSystemException e) {
                throw FileAccess.writeFailure(target, e); // e.g. "No space left on device"
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.FileSystemException e) {
                throw FileAccess.writeFailure(target, e);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /** Temporary files are created owner-only (0600); a finished output should read like any other file. */
    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: keep the default permissions.
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
