package dev.photostyle.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * File checks whose failures say which file and why, in one line: {@code cannot read in.png:
 * permission denied}, {@code cannot write out.png: folder /shots is not writable (permission
 * denied)}. Java's own exceptions often carry only the path ({@link AccessDeniedException}'s
 * message is the path itself), which tells a user nothing.
 *
 * <p>Example: {@code FileAccess.requireReadableFile(plate); ... catch (IOException e) { throw
 * FileAccess.readFailure(plate, e); }}
 */
public final class FileAccess {
    private FileAccess() {}

    /**
     * Fails unless {@code path} is a regular file this process can open for reading. Opening is
     * the only honest test: permission bits, ACLs and mounts all have their say, and
     * {@link Files#isReadable} answers "yes" to root for a file without read permission.
     */
    public static void requireReadableFile(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new IOException("cannot read " + path + ": it is a folder, not a file");
        if (!Files.exists(path)) {
            Path parent = path.toAbsolutePath().getParent();
            String why = parent != null && !Files.isDirectory(parent) ? "file not found (no folder " + parent + ")"
                    : "file not found";
            throw new IOException("cannot read " + path + ": " + why);
        }
        if (!Files.isRegularFile(path)) throw new IOException("cannot read " + path + ": not a regular file");
        try (SeekableByteChannel ch = Files.newByteChannel(path)) {
            if (ch.size() == 0) throw new IOException("cannot read " + path + ": the file is empty");
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("cannot read ") ? e : readFailure(path, e);
        }
    }

    /** A one-line {@code cannot read PATH: REASON} for an exception met while reading {@code path}. */
    public static IOException readFailure(Path path, IOException e) {
        return new IOException("cannot read " + path + ": " + reason(e), e);
    }

    /** A one-line {@code cannot write PATH: REASON} for an exception met while writing {@code path}. */
    public static IOException writeFailure(Path path, IOException e) {
        Path dir = path.toAbsolutePath().getParent();
        String why = reason(e);
        if (e instanceof AccessDeniedException && dir != null && !path.toAbsolutePath().equals(pathOf(e))) {
            why = "folder " + dir + " is not writable (permission denied)";
        }
        return new IOException("cannot write " + path + ": " + why, e);
    }

    /**
     * Fails unless a file can be created in {@code target}'s folder and {@code target} is not a
     * folder. Makes (and removes) an empty probe file there, because only creating a file tells
     * for sure (read-only mounts, ACLs, root). Call it before long work whose result goes to
     * {@code target}, so that a bad output path fails in a second rather than after the work.
     */
    public static void requireWritable(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) throw new IOException("cannot write " + target + ": it is a folder");
        if (dir == null) return;
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        Path probe;
        try {
            probe = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".probe");
        } catch (IOException e) {
            throw writeFailure(target, e);
        }
        Files.deleteIfExists(probe);
    }

    /** Why an I/O operation failed, in a few words (no path: the caller's message names the file). */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "file not found";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "a part of the path is not a folder";
        if (e instanceof EOFException) return "the file is truncated (it ends early)";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return oneLine(fs.getReason());
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
    }

    private static Path pathOf(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) return Path.of(fs.getFile()).toAbsolutePath();
        return null;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
