package dev.photostyle.io.image;

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
 * naming the file.
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

    /** Reads a plate with its stored format. */
    public static DecodedImage read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException((Files.exists(path) ? "not a file: " : "file not found: ") + path);
        }
        if (isExr(path)) return ExrCodec.read(path);
        ImageFiles.Decoded d = ImageFiles.decode(path);
        PlateFormat.Container c = switch (d.format()) {
            case "png" -> PlateFormat.Container.PNG;
            case "jpeg", "jpg" -> PlateFormat.Container.JPEG;
            case "tif", "tiff" -> PlateFormat.Container.TIFF;
            default -> throw new IOException("unsupported image format '" + d.format() + "': " + path);
        };
        PlateFormat.SampleType s = c == PlateFormat.Container.JPEG || d.bitsPerSample() <= 8
                ? PlateFormat.SampleType.UINT8 : PlateFormat.SampleType.UINT16;
        boolean alpha = d.image().hasAlpha() && c != PlateFormat.Container.JPEG;
        return new DecodedImage(d.image(), new PlateFormat(c, s, alpha, PlateFormat.Compression.NONE));
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
        }
    }
}
