package dev.photostyle.io.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses, from the file header alone, an image too large to process, before any pixel is
 * decoded: the decoded samples live in {@code float[]} planes on the Java heap, so a plate that
 * cannot fit would otherwise end minutes later in an {@link OutOfMemoryError} (a 20000x20000 PNG
 * did, after 158 s) or in a codec's cryptic refusal (30000x30000: "Invalid scanline stride").
 *
 * <p>The estimate counts full-size float planes ({@code 4 * width * height} bytes each): the
 * decoded image's own channels plus the {@code extraPlanes} its user holds beside it at its peak
 * (see {@link PlateIO.ReadOptions} for the transfer's count). It is compared with
 * {@link Runtime#maxMemory()}, the heap limit ({@code -Xmx}); what else is on the heap at the time
 * is not subtracted, because garbage not yet collected would make that figure meaningless.
 *
 * <p>Example: {@code HeapCheck.require(path, 20000, 20000, 3, 7, Runtime.getRuntime().maxMemory())}
 * throws "cannot read big.png: a 20000x20000 image with 3 channels needs about 14.9 GB of Java heap
 * to process, but the heap holds at most 8.0 GB; raise -Xmx via PHOTOSTYLE_JAVA_OPTS (e.g.
 * PHOTOSTYLE_JAVA_OPTS=-Xmx19g) or downscale the image" (GB as Java's -Xmx counts them, 2^30 bytes).
 */
final class HeapCheck {
    /** Bytes in one float sample. */
    static final int FLOAT_BYTES = Float.BYTES;

    /** Largest Java array (elements); the decoded planes of an image are one {@code float[]}. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private HeapCheck() {}

    /** Bytes needed: {@code 4 * width * height * (channels + extraPlanes)}. */
    static long estimateBytes(int width, int height, int channels, int extraPlanes) {
        return (long) FLOAT_BYTES * width * height * (channels + (long) extraPlanes);
    }

    /**
     * Throws a one-line IOException naming {@code path} if the image cannot be decoded into one
     * Java array or its estimate exceeds {@code maxHeapBytes}.
     */
    static void require(Path path, int width, int height, int channels, int extraPlanes, long maxHeapBytes)
            throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IOException("cannot read " + path + ": the header gives an invalid size " + width + "x" + height);
        }
        long need = estimateBytes(width, height, channels, extraPlanes);
        if (need > maxHeapBytes) {
            // Suggest a heap with a quarter to spare for everything else the process holds.
            long suggestGb = (long) Math.ceil(need * 1.25 / (1L << 30));
            throw new IOException(String.format(Locale.ROOT,
                    "cannot read %s: a %dx%d image with %d channel%s needs about %.1f GB of Java heap to process, "
                            + "but the heap holds at most %.1f GB; raise -Xmx via PHOTOSTYLE_JAVA_OPTS "
                            + "(e.g. PHOTOSTYLE_JAVA_OPTS=-Xmx%dg) or downscale the image",
                    path, width, height, channels, channels == 1 ? "" : "s", gb(need), gb(maxHeapBytes), suggestGb));
        }
        long samples = (long) width * height * Math.max(channels, 3);
        if (samples > MAX_ARRAY) {
            throw new IOException(String.format(Locale.ROOT,
                    "cannot read %s: a %dx%d image has %.2e samples, more than one Java array holds (%d); "
                            + "downscale the image or split it into tiles",
                    path, width, height, (double) samples, MAX_ARRAY));
        }
    }

    /** {@link #require} against this JVM's heap limit. */
    static void require(Path path, int width, int height, int channels, int extraPlanes) throws IOException {
        require(path, width, height, channels, extraPlanes, Runtime.getRuntime().maxMemory());
    }

    private static double gb(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
