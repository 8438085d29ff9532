package dev.photostyle.io.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a weights file of any supported format, recognised by its first bytes rather than its
 * name: {@code PK} (zip, torch &ge; 1.6 {@code .pth}), {@code 0x80} (pickle, legacy {@code .pth})
 * or an 8-byte header length followed by <code>{</code> ({@code .safetensors}).
 *
 * <p>Example: {@code StateDict sd = WeightFiles.read(Path.of("vgg19-dcbb9e9d.pth"));}
 * Every failure is a {@link WeightFileException} whose one-line message names the file.
 */
public final class WeightFiles {
    private WeightFiles() {}

    /** Reads {@code file} with the reader its magic bytes call for. */
    public static StateDict read(Path file) throws WeightFileException {
        byte[] head = head(file, 9);
        if (head.length == 0) throw new WeightFileException(file, "file is empty");
        if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') return PthReader.readZip(file);
        if ((head[0] & 0xff) == 0x80) return PthReader.readLegacy(file);
        if (head.length == 9 && head[8] == '{') {
            long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n > 0 && n <= SafetensorsReader.MAX_HEADER_BYTES) return SafetensorsReader.read(file);
        }
        throw new WeightFileException(file, "not a recognised weights file (expected a PyTorch .pth or a .safetensors file)");
    }

    /** Up to {@code n} first bytes of {@code file}; missing or unreadable files are one-line errors. */
    static byte[] head(Path file, int n) throws WeightFileException {
        if (!Files.exists(file)) throw new WeightFileException(file, "no such file");
        if (Files.isDirectory(file)) throw new WeightFileException(file, "is a directory, not a weights file");
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new WeightFileException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
