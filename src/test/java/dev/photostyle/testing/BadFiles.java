package dev.photostyle.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Broken and hostile input files for tests of the one-line errors. */
public final class BadFiles {
    private BadFiles() {}

    /**
     * A tiny PNG (well under 1 KB) whose IHDR claims {@code width x height} 8-bit RGB, followed by an
     * IDAT holding the first row only: any reader that trusts the header would have to allocate the
     * full image, so a check made from the header alone is the only way to fail fast.
     */
    public static Path hugePngHeader(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        Deflater z = new Deflater();
        z.setInput(new byte[64]); // filter byte + a few black pixels: "little data"
        z.finish();
        byte[] buf = new byte[256];
        int len = z.deflate(buf);
        z.end();
        chunk(png, "IDAT", java.util.Arrays.copyOf(buf, len));
        chunk(png, "IEND", new byte[0]);
        return Files.write(file, png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Keeps the first {@code fraction} of the file's bytes. */
    public static Path truncate(Path file, double fraction) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return Files.write(file, java.util.Arrays.copyOf(b, (int) (b.length * fraction)));
    }

    /**
     * Removes every permission from {@code p} (file: read; folder: write), and skips the test
     * where that does not bind this process (root ignores permission bits).
     */
    public static void revokeAccess(Path p) throws IOException {
        boolean dir = Files.isDirectory(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(dir ? "r-xr-xr-x" : "---------"));
        boolean stillAllowed = dir ? canCreateIn(p) : canOpen(p);
        assumeFalse(stillAllowed, "permission bits do not bind this user (root?): " + p);
    }

    private static boolean canOpen(Path p) {
        try (var ch = Files.newByteChannel(p)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canCreateIn(Path d) {
        try {
            Files.delete(Files.createTempFile(d, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
