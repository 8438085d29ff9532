package dev.photostyle.io.image;

import dev.photostyle.io.FileAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One entry point for plates: OpenEXR (half/float, RGB/RGBA, via {@link ExrCodec}), TIFF 8/16-bit,
 * PNG 8/16-bit and JPEG (via {@link ImageFiles}; TIFF writing via {@link TiffCodec}). Reading recognises EXR by its magic number,
 * the rest by their content through ImageIO; writing goes by the {@link PlateFormat} given, which
 * must match the path's extension. Writes are atomic; every failure is a one-line IOException
 * naming the file and the reason. Reading refuses, from the header alone, a plate too large for
 * the Java heap, and refuses a float plate holding NaN or infinite samples (see {@link ReadOptions}).
 *
 * <p>Example: keep the input's format, bit depth and alpha:
 * <pre>{@code
 * DecodedImage in = PlateIO.read(Path.of("plate.0001.exr"));
 * FloatImage out = process(in.image());            // alpha (channel 3) passed through
 * PlateIO.write(out, Path.of("out.0001.exr"), in.format());
 * }</pre>
 */
public final class PlateIO {
    private PlateIO() {}

    /** What to do with NaN and infinite samples in a float (EXR, float TIFF) plate. */
    public enum NonFinite {
        /** Refuse the plate, naming the count and the first such sample (the default). */
        FAIL,
        /** Replace each NaN, +Inf and -Inf sample by 0 (black; transparent in alpha). */
        ZERO
    }

    /**
     * How a plate is read.
     *
     * <p>{@code extraPlanes}: full-size float planes ({@code 4 * width * height} bytes each) that
     * the caller holds beside the decoded plate at its peak; with the plate's own channels they
     * make the heap estimate checked from the header before decoding (see {@link HeapCheck}).
     * Counted from the code of a transfer ({@code TransferJob}, {@code PreparedTransfer},
     * {@code OutputStage}, {@code PlateRoundTrip}, {@code ImageFiles.write}):
     * <ul>
     *   <li>{@link #WORKING_SIZE_PLANES} = 7: {@code PreparedTransfer} shrinks {@code content.rgb()}
     *       with {@code Resampler.resize}, which copies the three RGB planes ({@code toArray}) and
     *       one plane at a time; {@code rgb()} itself copies three planes when the plate is not
     *       plain RGB (gray, RGBA). 3 + 1 + 3.</li>
     *   <li>{@link #FULL_SIZE_PLANES} = 13: at the plate's own size {@code OutputStage.apply}
     *       holds the upsampled result (3), {@code compose}'s two working copies (3 + 3) and the
     *       free mask (1), plus {@code rgb()}'s copy of a non-RGB plate (3); writing afterwards
     *       holds less (the result, its alpha copy, the writer's copy and raster).</li>
     *   <li>A float (EXR) plate adds two copies of itself (2 x channels, added by {@link #read}):
     *       the transfer reads EXR as scene-linear, and {@code PlateRoundTrip} keeps the plate in
     *       network sRGB and its clamp beside the plate for the whole run.</li>
     * </ul>
     * A 4000x3000 RGB PNG thus needs 4 B * 12e6 * (3 + 7) = 0.45 GiB at the working size; a
     * 20000x20000 one 14.9 GiB, which the launcher's default 8 GiB heap refuses at once instead of
     * failing after minutes.
     *
     * @param extraPlanes full-size float planes held beside the plate, >= 0
     * @param nonFinite   what to do with NaN/Inf samples
     */
    public record ReadOptions(int extraPlanes, NonFinite nonFinite) {
        /** Planes a transfer whose result stays at the working size holds beside the plate. */
        public static final int WORKING_SIZE_PLANES = 7;
        /** Planes a transfer whose result is carried to the plate's own size holds beside it. */
        public static final int FULL_SIZE_PLANES = 13;

        /** A transfer at the working size; non-finite samples refused. */
        public static final ReadOptions DEFAULT = new ReadOptions(WORKING_SIZE_PLANES, NonFinite.FAIL);

        public ReadOptions {
            if (extraPlanes < 0) throw new IllegalArgumentException("extra planes must be >= 0, got " + extraPlanes);
            java.util.Objects.requireNonNull(nonFinite, "nonFinite");
        }

        /** These options with another plane count. */
        public ReadOptions withExtraPlanes(int planes) { return new ReadOptions(planes, nonFinite); }

        /** These options with another non-finite policy. */
        public ReadOptions withNonFinite(NonFinite policy) { return new ReadOptions(extraPlanes, policy); }
    }

    /** Reads a plate with its stored format, with {@link ReadOptions#DEFAULT}. */
    public static DecodedImage read(Path path) throws IOException {
        return read(path, ReadOptions.DEFAULT);
    }

    /**
     * Reads a plate with its stored format. Before decoding, the header's size is checked against
     * the heap (see {@link ReadOptions}); after decoding, a float plate is checked for NaN/Inf.
     * Every failure is a one-line IOException naming the file and the reason.
     */
    public static DecodedImage read(Path path, ReadOptions options) throws IOException {
        FileAccess.requireReadableFile(path);
        DecodedImage decoded;
        if (isExr(path)) {
            ExrHeader h = ExrHeader.read(path);
            int ch = h.decodedChannels();
            HeapCheck.require(path, h.width(), h.height(), ch, options.extraPlanes() + 2 * ch);
            decoded = ExrCodec.read(path, h);
        } else {
            ImageFiles.Decoded d = ImageFiles.decode(path, options.extraPlanes());
            PlateFormat.Container c = switch (d.format()) {
                case "png" -> PlateFormat.Container.PNG;
                case "jpeg", "jpg" -> PlateFormat.Container.JPEG;
                case "tif", "tiff" -> PlateFormat.Container.TIFF;
                default -> throw new IOException("cannot read " + path + ": unsupported image format '" + d.format()
                        + "' (use OpenEXR, PNG, TIFF or JPEG)");
            };
            PlateFormat.SampleType s = c == PlateFormat.Container.JPEG || d.bitsPerSample() <= 8
                    ? PlateFormat.SampleType.UINT8 : PlateFormat.SampleType.UINT16;
            boolean alpha = d.image().hasAlpha() && c != PlateFormat.Container.JPEG;
            decoded = new DecodedImage(d.image(), new PlateFormat(c, s, alpha, PlateFormat.Compression.NONE));
            // Integer samples are always finite; only float TIFFs can hold NaN/Inf.
            if (d.bitsPerSample() < 32) return decoded;
        }
        return new DecodedImage(NonFiniteSamples.check(decoded.image(), path, options.nonFinite()), decoded.format());
    }

    /**
     * Writes {@code image} to {@code path} in {@code format}. Integer formats clamp to [0, 1];
     * EXR keeps any value. Alpha is written when the format asks for it (the image must then have
     * 4 channels) and dropped otherwise.
     *
     * @throws IllegalArgumentException if the extension does not match the format's container
     */
    public static void write(FloatImage image, Path path, PlateFormat format) throws IOException {
        PlateFormat.Container byName = PlateFormat.containerOf(path);
        if (byName != format.container()) {
            throw new IllegalArgumentException("extension of " + path + " says " + byName + " but the format is "
                    + format.container() + "; use format.in(PlateFormat.containerOf(path))");
        }
        if (format.alpha() && !image.hasAlpha()) {
            throw new IllegalArgumentException("format " + format + " asks for alpha but the image has "
                    + image.channels() + " channels: " + path);
        }
        if (format.container() == PlateFormat.Container.EXR) {
            ExrCodec.write(image, path, format);
            return;
        }
        FloatImage out = format.alpha() ? image : (image.channels() == 1 ? image : image.rgb());
        if (format.container() == PlateFormat.Container.TIFF) {
            TiffCodec.write(out, path, format.sampleType().bits());
        } else {
            ImageFiles.write(out, path, format.sampleType().bits());
        }
    }

    /** Writes with the default format for the extension ({@link PlateFormat#forPath}), alpha if the image has it. */
    public static void write(FloatImage image, Path path) throws IOException {
        PlateFormat f = PlateFormat.forPath(path);
        write(image, path, f.withAlpha(image.hasAlpha()));
    }

    /** True if the file starts with the OpenEXR magic number. */
    static boolean isExr(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() == ExrHeader.MAGIC;
        } catch (IOException e) {
            throw FileAccess.readFailure(path, e);
        }
    }
}
