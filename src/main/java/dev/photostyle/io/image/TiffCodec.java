package dev.photostyle.io.image;

import dev.photostyle.io.AtomicOutput;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * TIFF writing through OpenCV's libtiff (deflate-compressed, 8 or 16 bits, gray/RGB/RGBA with
 * unassociated alpha). TwelveMonkeys reads every TIFF layout we meet (chunky and planar 16-bit)
 * but its writer rejects 16-bit samples ("Not implemented for data type: 1", version 3.12), so
 * writing goes here while reading stays in {@link ImageFiles}.
 */
final class TiffCodec {
    private TiffCodec() {}

    static void write(FloatImage image, Path path, int bits) throws IOException {
        if (bits != 8 && bits != 16) throw new IllegalArgumentException("TIFF bits must be 8 or 16, got " + bits);
        int ch = image.channels() == 2 ? 1 : image.channels();
        int w = image.width();
        int h = image.height();
        int n = w * h;
        int max = bits == 16 ? 65535 : 255;
        float[] planar = image.toArray();
        short[] inter = new short[n * ch];
        for (int c = 0; c < ch; c++) {
            int dst = ch == 1 || c == 3 ? c : 2 - c; // RGB(A) -> OpenCV's BGR(A)
            for (int i = 0; i < n; i++) inter[i * ch + dst] = (short) ImageFiles.quantise(planar[c * n + i], max);
        }
        byte[] bytes;
        int depth = bits == 16 ? opencv_core.CV_16U : opencv_core.CV_8U;
        try (Mat m16 = new Mat(h, w, opencv_core.CV_MAKETYPE(opencv_core.CV_16U, ch));
             Mat m = new Mat();
             BytePointer buf = new BytePointer();
             IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_TIFF_COMPRESSION, 8 /* deflate */)) {
            m16.<ShortBuffer>createBuffer().put(inter);
            m16.convertTo(m, depth);
            if (!opencv_imgcodecs.imencode(".tiff", m, buf, params)) {
                throw new IOException("cannot write TIFF " + path + ": OpenCV's encoder refused it");
            }
            bytes = new byte[(int) buf.limit()];
            buf.get(bytes);
        } catch (RuntimeException e) {
            throw new IOException("cannot write TIFF " + path + ": " + ImageFiles.oneLine(e), e);
        }
        AtomicOutput.write(path, out -> out.write(bytes));
    }
}
