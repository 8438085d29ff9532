package dev.photostyle.io.image;

import dev.photostyle.io.FileAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A scanline OpenEXR reader for the files {@link ExrWriter} writes, decoding their chunks in
 * parallel: single part, uncompressed, ZIPS or ZIP, channels exactly R, G, B (and A), each half or
 * float, unsubsampled. Everything else (PIZ, DWA, tiled, luminance/chroma, other channel sets,
 * uint samples) goes to OpenCV's OpenEXR ({@link ExrCodec}), which decodes one chunk after
 * another: for a 4K half ZIP plate that was 0.7 s of one core, more than a look takes for the
 * frame. Hand-written rather than a library because Java has no maintained OpenEXR reader, and the
 * format of these three compressions is small (OpenEXR's "OpenEXR File Layout": a chunk offset
 * table after the header; each chunk int32 y, int32 size, then its scanlines, each holding every
 * channel's samples in name order; a ZIP/ZIPS chunk is zlib data of the bytes delta-predicted and
 * split into even and odd halves, {@link ExrWriter#zip}, stored raw when that is not smaller).
 * Halves widen to float exactly as Imath's {@code half::operator float} (NaN payloads kept), so the
 * samples are those OpenCV returns, bit for bit (tested on OpenEXR's sample files and our own).
 *
 * <pre>{@code if (ExrReader.handles(header)) image = ExrReader.read(path, header);}</pre>
 */
final class ExrReader {
    private ExrReader() {}

    /** True if this reader decodes a file with this header (see the class comment); OpenCV otherwise. */
    static boolean handles(ExrHeader h) {
        if (h.tiled() || h.linesPerChunk() == 0) return false;
        List<ExrHeader.Channel> ch = h.channels();
        if (ch.size() != 3 && ch.size() != 4) return false;
        for (ExrHeader.Channel c : ch) {
            if (c.type() == ExrHeader.PixelType.UINT || c.xSampling() != 1 || c.ySampling() != 1) return false;
            if (plane(c.name()) < 0 || plane(c.name()) >= ch.size()) return false; // A without RGB, or another name
        }
        return ch.stream().map(ExrHeader.Channel::name).distinct().count() == ch.size();
    }

    /** Our plane of a channel name: R 0, G 1, B 2, A 3; -1 for any other name. */
    private static int plane(String name) {
        return switch (name) {
            case "R" -> 0;
            case "G" -> 1;
            case "B" -> 2;
            case "A" -> 3;
            default -> -1;
        };
    }

    /** Decodes {@code path} (planar RGB or RGBA float), whose header {@link #handles} accepted. */
    static FloatImage read(Path path, ExrHeader h) throws IOException {
        byte[] file;
        try {
            file = Files.readAllBytes(path);
        } catch (IOException e) {
            throw FileAccess.readFailure(path, e);
        }
        int w = h.width(), rows = h.height(), n = w * rows;
        int lines = h.linesPerChunk();
        int chunks = (rows + lines - 1) / lines;
        List<ExrHeader.Channel> channels = h.channels();
        int nch = channels.size();
        int[] planes = new int[nch];
        boolean[] half = new boolean[nch];
        int rowBytes = 0;
        for (int c = 0; c < nch; c++) {
            planes[c] = plane(channels.get(c).name());
            half[c] = channels.get(c).type() == ExrHeader.PixelType.HALF;
            rowBytes += (half[c] ? 2 : 4) * w;
        }
        int rowBytesFinal = rowBytes;
        ByteBuffer all = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (h.tableOffset() + 8L * chunks > file.length) throw corrupt(path, "the chunk offset table is truncated");
        float[] out = new float[nch * n];
        try {
            IntStream.range(0, chunks).parallel().forEach(k -> {
                int y0 = k * lines, y1 = Math.min(rows, y0 + lines);
                int expected = (y1 - y0) * rowBytesFinal;
                long at = all.getLong((int) h.tableOffset() + 8 * k);
                if (at < h.tableOffset() || at + 8 > file.length) throw uncheckedCorrupt(path, "chunk " + k + " lies outside the file");
                int pos = (int) at;
                int y = all.getInt(pos);
                int size = all.getInt(pos + 4);
                if (y != h.yMin() + y0) throw uncheckedCorrupt(path, "chunk " + k + " names row " + y + ", expected " + (h.yMin() + y0));
                if (size <= 0 || size > expected || pos + 8L + size > file.length) {
                    throw uncheckedCorrupt(path, "chunk " + k + " has a bad size " + size);
                }
                if (size == expected) { // stored raw (uncompressed file, or a chunk that did not shrink)
                    convertRaw(file, pos + 8, y0, y1, w, n, planes, half, out);
                } else {
                    if (h.compression() == PlateFormat.Compression.NONE) throw uncheckedCorrupt(path, "chunk " + k + " is short");
                    convertZipped(inflate(file, pos + 8, size, expected, path, k), y0, y1, w, n, planes, half, out);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return FloatImage.wrap(w, rows, nch, out);
    }

    /** Samples of a raw chunk (little-endian, rows of every channel in file order) into the planes. */
    private static void convertRaw(byte[] a, int off, int y0, int y1, int w, int n, int[] planes, boolean[] half, float[] out) {
        for (int y = y0; y < y1; y++) {
            for (int c = 0; c < planes.length; c++) {
                int dst = planes[c] * n + y * w;
                if (half[c]) {
                    for (int x = 0; x < w; x++, off += 2) out[dst + x] = halfToFloat((short) ((a[off] & 0xff) | (a[off + 1] & 0xff) << 8));
                } else {
                    for (int x = 0; x < w; x++, off += 4) {
                        out[dst + x] = Float.intBitsToFloat((a[off] & 0xff) | (a[off + 1] & 0xff) << 8 | (a[off + 2] & 0xff) << 16
                                | (a[off + 3] & 0xff) << 24);
                    }
                }
            }
        }
    }

    /**
     * Samples of an inflated ZIP chunk into the planes, undoing OpenEXR's predictor on the way: the
     * raw bytes are the running sum (mod 256) of the stored differences minus 128, the even bytes
     * stored first and the odd ones after them. Two running sums walk the two halves side by side
     * (raw byte pair q is even byte q and odd byte q), the odd one starting where the even half
     * ends, so the bytes are neither re-summed in place nor re-interleaved first.
     */
    private static void convertZipped(byte[] t, int y0, int y1, int w, int n, int[] planes, boolean[] half, float[] out) {
        int pairs = t.length / 2; // chunks hold whole 2- or 4-byte samples: an even length
        int sum = 0;
        for (int q = 0; q < pairs; q++) sum += t[q] & 0xff;
        int even = 128; // so that the first byte, stored as it is, comes out as itself
        int odd = 128 + sum - 128 * pairs;
        int q = 0;
        for (int y = y0; y < y1; y++) {
            for (int c = 0; c < planes.length; c++) {
                int dst = planes[c] * n + y * w;
                if (half[c]) {
                    for (int x = 0; x < w; x++, q++) {
                        even += (t[q] & 0xff) - 128;
                        odd += (t[pairs + q] & 0xff) - 128;
                        out[dst + x] = halfToFloat((short) ((even & 0xff) | (odd & 0xff) << 8));
                    }
                } else {
                    for (int x = 0; x < w; x++, q += 2) {
                        int b0 = even += (t[q] & 0xff) - 128;
                        int b1 = odd += (t[pairs + q] & 0xff) - 128;
                        int b2 = even += (t[q + 1] & 0xff) - 128;
                        int b3 = odd += (t[pairs + q + 1] & 0xff) - 128;
                        out[dst + x] = Float.intBitsToFloat((b0 & 0xff) | (b1 & 0xff) << 8 | (b2 & 0xff) << 16 | (b3 & 0xff) << 24);
                    }
                }
            }
        }
    }

    /** A ZIP/ZIPS chunk's zlib data inflated to exactly {@code expected} bytes. */
    private static byte[] inflate(byte[] file, int from, int size, int expected, Path path, int k) {
        byte[] t = new byte[expected];
        Inflater inf = new Inflater();
        try {
            inf.setInput(file, from, size);
            int got = 0;
            while (got < expected && !inf.finished()) {
                int r = inf.inflate(t, got, expected - got);
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                got += r;
            }
            if (got != expected || !inf.finished()) throw uncheckedCorrupt(path, "chunk " + k + " inflates to " + got + " bytes, expected " + expected);
        } catch (DataFormatException e) {
            throw uncheckedCorrupt(path, "chunk " + k + " is not valid zlib data");
        } finally {
            inf.end();
        }
        return t;
    }

    /** Half to float, exactly (every half is a float): Imath's {@code halfToFloat}, NaN payloads kept. */
    static float halfToFloat(short hs) {
        int h = hs & 0xffff;
        int s = (h & 0x8000) << 16;
        int e = (h >>> 10) & 0x1f;
        int m = h & 0x3ff;
        if (e == 0) {
            float v = m * 0x1p-24f; // zero or subnormal: m · 2^-24, exact
            return s != 0 ? -v : v;
        }
        if (e == 31) return Float.intBitsToFloat(s | 0x7f800000 | (m << 13));
        return Float.intBitsToFloat(s | ((e + 112) << 23) | (m << 13));
    }

    private static IOException corrupt(Path path, String why) {
        return new IOException("cannot read EXR " + path + ": " + why + " (corrupt file)");
    }

    private static UncheckedIOException uncheckedCorrupt(Path path, String why) {
        return new UncheckedIOException(corrupt(path, why));
    }
}
