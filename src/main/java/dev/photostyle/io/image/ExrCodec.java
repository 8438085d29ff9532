package dev.photostyle.io.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_COMPRESSION_NO;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_COMPRESSION_PIZ;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_COMPRESSION_ZIP;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_COMPRESSION_ZIPS;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_TYPE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_TYPE_FLOAT;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_EXR_TYPE_HALF;

import dev.photostyle.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenEXR reading by {@link ExrReader} (scanline none/ZIPS/ZIP RGB(A): chunks decoded in parallel)
 * or else through OpenCV's imgcodecs (bytedeco JavaCPP presets), which links the OpenEXR
 * library itself; writing by {@link ExrWriter} (uncompressed, ZIPS, ZIP: chunks compressed in
 * parallel) or OpenCV (PIZ). Tested: scanline half/float RGB/RGBA with none/ZIPS/ZIP/PIZ, read
 * and written, and luminance/chroma (Y/RY/BY) files, which OpenEXR converts to RGB. Other
 * compressions decode too (OpenEXR does the work) but outputs are written as ZIP. Deep and
 * multi-part files are refused with a clear message. Samples always come back as 32-bit float;
 * the stored type (half/float) comes from {@link ExrHeader}.
 *
 * <p>OpenCV keeps its OpenEXR codec switched off unless the environment variable
 * {@code OPENCV_IO_ENABLE_OPENEXR=1} is set when the process starts (it is read once, natively;
 * Java cannot set it for itself). The surefire configuration and the launcher export it; without
 * it every call here fails with a one-line message saying so.
 */
final class ExrCodec {
    /** The environment variable OpenCV requires for EXR. */
    static final String ENV = "OPENCV_IO_ENABLE_OPENEXR";

    private ExrCodec() {}

    /** Decodes {@code path}, whose header the caller has read (and checked) already. */
    static DecodedImage read(Path path, ExrHeader header) throws IOException {
        requireEnabled(path);
        if (ExrReader.handles(header) && java.nio.file.Files.size(path) < Integer.MAX_VALUE - 8) {
            FloatImage image = ExrReader.read(path, header);
            return new DecodedImage(image, new PlateFormat(PlateFormat.Container.EXR, header.sampleType(),
                    image.channels() == 4, header.compression()));
        }
        return readWithOpenCv(path, header);
    }

    /** OpenCV's (OpenEXR's) decoder, one chunk after another: every EXR, and the reference {@link ExrReader} is tested against. */
    static DecodedImage readWithOpenCv(Path path, ExrHeader header) throws IOException {
        requireEnabled(path);
        Mat m;
        try {
            m = opencv_imgcodecs.imread(path.toAbsolutePath().toString(), IMREAD_UNCHANGED);
        } catch (RuntimeException e) {
            throw new IOException("cannot read EXR " + path + ": " + ImageFiles.oneLine(e), e);
        }
        try (m) {
            if (m.empty()) {
                throw new IOException("cannot read EXR " + path + ": OpenEXR could not decode it (truncated or corrupt file)");
            }
            if (m.cols() != header.width() || m.rows() != header.height()) {
                throw new IOException("cannot read EXR " + path + ": decoded size " + m.cols() + "x" + m.rows()
                        + " differs from the header's " + header.width() + "x" + header.height());
            }
            FloatImage image = toPlanar(m, path);
            boolean alpha = image.channels() == 4;
            PlateFormat.Compression comp = switch (header.compression()) {
                case NONE, ZIP, ZIPS, PIZ -> header.compression();
                default -> PlateFormat.Compression.ZIP; // keep outputs in a compression we write
            };
            PlateFormat format = new PlateFormat(PlateFormat.Container.EXR, header.sampleType(), alpha, comp);
            return new DecodedImage(image, format);
        }
    }

    /** OpenCV's interleaved BGR(A)/gray float Mat to planar RGB(A)/gray. */
    private static FloatImage toPlanar(Mat m, Path path) throws IOException {
        int w = m.cols();
        int h = m.rows();
        int ch = m.channels();
        if (ch != 1 && ch != 3 && ch != 4) throw new IOException("unsupported EXR (" + ch + " channels): " + path);
        Mat f = m;
        if (m.depth() != opencv_core.CV_32F) {
            f = new Mat();
            m.convertTo(f, opencv_core.CV_32F);
        }
        try {
            if (!f.isContinuous()) f = f.clone();
            float[] inter = new float[w * h * ch];
            f.<java.nio.FloatBuffer>createBuffer().get(inter);
            int n = w * h;
            float[] planar = new float[inter.length];
            for (int c = 0; c < ch; c++) {
                // BGR(A) -> RGB(A): colour channel c of ours is OpenCV's 2 - c; alpha stays at 3.
                int src = ch == 1 || c == 3 ? c : 2 - c;
                for (int i = 0; i < n; i++) planar[c * n + i] = inter[i * ch + src];
            }
            return FloatImage.wrap(w, h, ch, planar);
        } finally {
            if (f != m) f.close();
        }
    }

    static void write(FloatImage image, Path path, PlateFormat format) throws IOException {
        requireEnabled(path);
        int ch = format.alpha() ? 4 : 3;
        if (format.alpha() && !image.hasAlpha()) {
            throw new IllegalArgumentException("format asks for alpha but the image has "
                    + image.channels() + " channels: " + path);
        }
        FloatImage src = format.alpha() ? image : image.rgb();
        if (ExrWriter.handles(format.compression())) {
            boolean half = format.sampleType() == PlateFormat.SampleType.HALF;
            AtomicOutput.write(path, out -> {
                java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
                ExrWriter.encode(src, format.compression(), half, buffered);
                buffered.flush();
            });
            return;
        }
        writeWithOpenCv(src, path, format);
    }

    /** OpenCV's (OpenEXR's) encoder, one chunk after another: PIZ, and the reference {@link ExrWriter} is tested against. */
    static void writeWithOpenCv(FloatImage src, Path path, PlateFormat format) throws IOException {
        requireEnabled(path);
        int ch = format.alpha() ? 4 : 3;
        int w = src.width();
        int h = src.height();
        int n = w * h;
        float[] planar = src.toArray();
        float[] inter = new float[n * ch];
        for (int c = 0; c < ch; c++) {
            int dst = c == 3 ? 3 : 2 - c;
            for (int i = 0; i < n; i++) inter[i * ch + dst] = planar[c * n + i];
        }
        int type = format.sampleType() == PlateFormat.SampleType.HALF ? IMWRITE_EXR_TYPE_HALF : IMWRITE_EXR_TYPE_FLOAT;
        int comp = switch (format.compression()) {
            case NONE -> IMWRITE_EXR_COMPRESSION_NO;
            case ZIPS -> IMWRITE_EXR_COMPRESSION_ZIPS;
            case PIZ -> IMWRITE_EXR_COMPRESSION_PIZ;
            default -> IMWRITE_EXR_COMPRESSION_ZIP;
        };
        byte[] bytes;
        try (Mat m = new Mat(h, w, opencv_core.CV_MAKETYPE(opencv_core.CV_32F, ch));
             BytePointer buf = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_EXR_TYPE, type, IMWRITE_EXR_COMPRESSION, comp)) {
            m.<java.nio.FloatBuffer>createBuffer().put(inter);
            if (!opencv_imgcodecs.imencode(".exr", m, buf, params)) {
                throw new IOException("cannot write EXR " + path + ": OpenCV's encoder refused it");
            }
            bytes = new byte[(int) buf.limit()];
            buf.get(bytes);
        } catch (RuntimeException e) {
            throw new IOException("cannot write EXR " + path + ": " + ImageFiles.oneLine(e), e);
        }
        AtomicOutput.write(path, out -> out.write(bytes));
    }

    private static void requireEnabled(Path path) throws IOException {
        String v = System.getenv(ENV);
        boolean on = v != null && switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "on", "yes" -> true;
            default -> false;
        };
        if (!on) {
            throw new IOException("cannot process EXR " + path + ": OpenCV's OpenEXR codec is disabled; export "
                    + ENV + "=1 before starting Java (the photostyle launcher does this)");
        }
    }
}
