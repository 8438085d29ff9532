package dev.photostyle.io.image;

import dev.photostyle.io.AtomicOutput;
import dev.photostyle.io.FileAccess;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reads and writes display-referred raster images (PNG 8/16-bit, JPEG, TIFF 8/16-bit through
 * TwelveMonkeys) as {@link FloatImage}s with samples in [0, 1].
 *
 * <p>16-bit samples are kept as 16-bit (divided by 65535), never silently reduced to 8 bits.
 * Every failure is an {@link IOException} whose message is one line naming the file.
 */
public final class ImageFiles {
    static {
        // TwelveMonkeys' TIFF reader registers through the service loader; make sure it is scanned.
        ImageIO.scanForPlugins();
    }

    private ImageFiles() {}

    /** What was read: the samples, and how they were stored, so that a writer can keep it. */
    public record Decoded(FloatImage image, String format, int bitsPerSample) {}

    /** Reads an image; see {@link #decode(Path)} for the details that come with it. */
    public static FloatImage read(Path path) throws IOException {
        return decode(path).image();
    }

    /** Reads an image file, keeping its channel count (gray, RGB, RGBA) and bit depth. */
    public static Decoded decode(Path path) throws IOException {
        return decode(path, 0);
    }

    /**
     * As {@link #decode(Path)}, but first checks from the header (size and layout, no pixels
     * decoded) that the decoded image plus {@code extraPlanes} more full-size float planes fit in
     * the Java heap; if not, fails at once with a one-line message naming the file, its size, the
     * estimate and the heap limit.
     *
     * @param extraPlanes full-size float planes the caller will hold beside the decoded image
     */
    public static Decoded decode(Path path, int extraPlanes) throws IOException {
        FileAccess.requireReadableFile(path);
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("cannot read " + path + ": not an image file (no reader recognises it; "
                        + "use PNG, JPEG, TIFF or OpenEXR)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                HeapCheck.require(path, reader.getWidth(0), reader.getHeight(0), headerChannels(reader),
                        extraPlanes);
                // The JPEG reader fills a truncated file's missing part with gray and only warns.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage img = reader.read(0);
                for (String w : warnings) {
                    if (w.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new IOException("cannot read " + path + ": the file is truncated (" + w.strip() + ")");
                    }
                }
                return toFloat(img, format);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().contains(path.toString())) {
                throw io;
            }
            throw new IOException("cannot read " + path + ": " + decodeReason(e), e);
        }
    }

    /** The channels {@link #toFloat} will produce, from the reader's header-only image type. */
    private static int headerChannels(ImageReader reader) throws IOException {
        ImageTypeSpecifier t = reader.getRawImageType(0);
        if (t == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            t = types.hasNext() ? types.next() : null;
        }
        return t == null ? 4 : outChannels(t.getColorModel(), t.getSampleModel().getNumBands());
    }

    /** Channels of the decoded float image: gray 1, gray+alpha and RGBA 4, RGB and palette 3 (4 with alpha). */
    private static int outChannels(ColorModel cm, int bands) {
        boolean alpha = cm.hasAlpha();
        if (plainComponents(cm, bands)) {
            int colourBands = alpha ? bands - 1 : bands;
            return colourBands == 1 ? (alpha ? 4 : 1) : (alpha ? 4 : 3);
        }
        return alpha ? 4 : 3;
    }

    private static boolean plainComponents(ColorModel cm, int bands) {
        return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() != ColorSpace.TYPE_CMYK
                && bands >= 1 && bands <= 4 && cm instanceof ComponentColorModel;
    }

    /** A decoder's failure in a few words; a stream that ends early is called truncated. */
    private static String decodeReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("end of"))) {
                return "the file is truncated or corrupt (" + oneLine(t) + ")";
            }
        }
        if (e instanceof IndexOutOfBoundsException) {
            return "the file is truncated or corrupt (no readable image in it: " + oneLine(e) + ")";
        }
        if (e instanceof IOException io && !(e instanceof IIOException)) {
            return FileAccess.reason(io);
        }
        return "corrupt or unsupported image data (" + oneLine(e) + ")";
    }

    private static Decoded toFloat(BufferedImage img, String format) {
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        boolean indexed = cm instanceof IndexColorModel;
        int transfer = r.getTransferType();
        boolean sixteen = !indexed && transfer == DataBuffer.TYPE_USHORT;
        boolean floating = !indexed && (transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE);
        if (plainComponents(cm, r.getNumBands())) {
            int bands = r.getNumBands();
            boolean alpha = cm.hasAlpha();
            int colourBands = alpha ? bands - 1 : bands;
            int outChannels = outChannels(cm, bands);
            double scale = floating ? 1.0 : 1.0 / ((1L << cm.getComponentSize(0)) - 1);
            float[] d = new float[outChannels * n];
            double[] px = new double[bands];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.getPixel(x, y, px);
                    int i = y * w + x;
                    if (colourBands == 1) {
                        float g = (float) (px[0] * scale);
                        if (outChannels == 1) {
                            d[i] = g;
                        } else {
                            d[i] = g; d[n + i] = g; d[2 * n + i] = g;
                        }
                    } else {
                        for (int c = 0; c < 3; c++) d[c * n + i] = (float) (px[c] * scale);
                    }
                    if (alpha) d[3 * n + i] = (float) (px[bands - 1] * scale);
                }
            }
            int bits = floating ? 32 : cm.getComponentSize(0);
            return new Decoded(FloatImage.wrap(w, h, outChannels, d), format, bits);
        }
        // Palette, packed or exotic layouts: let Java2D convert to 8-bit ARGB.
        boolean alpha = cm.hasAlpha();
        int channels = alpha ? 4 : 3;
        float[] d = new float[channels * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                int i = y * w + x;
                d[i] = ((argb >> 16) & 0xff) / 255f;
                d[n + i] = ((argb >> 8) & 0xff) / 255f;
                d[2 * n + i] = (argb & 0xff) / 255f;
                if (alpha) d[3 * n + i] = ((argb >>> 24) & 0xff) / 255f;
            }
        }
        return new Decoded(FloatImage.wrap(w, h, channels, d), format, sixteen ? 16 : 8);
    }

    /**
     * Writes {@code image} (samples clamped to [0, 1]) to {@code path}, atomically. The format
     * follows the extension: png, jpg/jpeg, tif/tiff. {@code bitsPerSample} is 8 or 16 (JPEG: 8).
     */
    public static void write(FloatImage image, Path path, int bitsPerSample) throws IOException {
        String format = formatOf(path);
        if (bitsPerSample != 8 && bitsPerSample != 16) {
            throw new IllegalArgumentException("bits per sample must be 8 or 16, got " + bitsPerSample);
        }
        if (format.equals("tiff")) {
            // TwelveMonkeys' writer rejects 16-bit component rasters; OpenCV writes TIFF reliably.
            TiffCodec.write(image, path, bitsPerSample);
            return;
        }
        if (format.equals("jpeg")) {
            bitsPerSample = 8;
            image = image.rgb(); // JPEG has no alpha
        }
        BufferedImage img = toBuffered(image, bitsPerSample);
        AtomicOutput.write(path, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
            if (!writers.hasNext()) throw new IOException("no image writer for format " + format);
            ImageWriter writer = writers.next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(img);
            } finally {
                writer.dispose();
            }
        });
    }

    /** Writes 8-bit, or 16-bit if the extension is .tif/.tiff and the caller asks for it. */
    public static void write(FloatImage image, Path path) throws IOException {
        write(image, path, 8);
    }

    /** The ImageIO format name for a path's extension, or an exception naming the supported ones. */
    public static String formatOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpeg";
            case "tif", "tiff" -> "tiff";
            default -> throw new IllegalArgumentException("unsupported output format '" + ext + "' for " + path
                    + " (use .png, .jpg, .tif or .tiff)");
        };
    }

    /** Quantises to 8 or 16 bits per sample, rounding to nearest. */
    public static BufferedImage toBuffered(FloatImage image, int bits) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        int channels = image.channels() == 2 ? 1 : image.channels();
        boolean alpha = channels == 4;
        int max = bits == 16 ? 65535 : 255;
        int dataType = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        ColorSpace cs = ColorSpace.getInstance(channels == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
        int[] offsets = new int[channels];
        for (int c = 0; c < channels; c++) offsets[c] = c;
        WritableRaster raster = Raster.createWritableRaster(
                new PixelInterleavedSampleModel(dataType, w, h, channels, w * channels, offsets), null);
        float[] d = image.toArray();
        int[] px = new int[channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int c = 0; c < channels; c++) px[c] = quantise(d[c * n + i], max);
                raster.setPixel(x, y, px);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** round(v * max), clamped; NaN maps to 0. */
    public static int quantise(float v, int max) {
        if (!(v > 0f)) return 0;
        if (v >= 1f) return max;
        return Math.round(v * max);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** Unchecked wrapper for stream-style callers. */
    public static FloatImage readUnchecked(Path path) {
        try {
            return read(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
