package dev.photostyle.io.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds NaN and infinite samples in a decoded float plate. Such a sample poisons the whole run:
 * it spreads through every convolution, the objective is never finite, and the optimiser gives
 * up after all its work ("the objective was never finite"), so a plate holding one is refused
 * when it is read, or (on request) has them replaced by 0.
 *
 * <p>Example: {@code FloatImage ok = NonFiniteSamples.check(img, path, PlateIO.NonFinite.FAIL);}
 * throws "cannot use plate.exr: 3 non-finite pixel values (NaN or infinite; first at x=4, y=0,
 * channel G: NaN); fix the plate (e.g. clamp or paint out NaN/Inf in compositing) or read it with
 * non-finite values replaced by 0".
 */
final class NonFiniteSamples {
    private NonFiniteSamples() {}

    /**
     * {@code image} itself when every sample is finite; otherwise fails (FAIL) or returns a copy
     * with the non-finite samples set to 0 (ZERO).
     */
    static FloatImage check(FloatImage image, Path path, PlateIO.NonFinite policy) throws IOException {
        float[] d = image.samplesView();
        long count = 0;
        int first = -1;
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                if (first < 0) first = i;
                count++;
            }
        }
        if (count == 0) return image;
        if (policy == PlateIO.NonFinite.ZERO) {
            float[] copy = image.toArray();
            for (int i = first; i < copy.length; i++) if (!Float.isFinite(copy[i])) copy[i] = 0f;
            return FloatImage.wrap(image.width(), image.height(), image.channels(), copy);
        }
        int n = image.pixels();
        int c = first / n;
        int x = (first % n) % image.width();
        int y = (first % n) / image.width();
        throw new IOException("cannot use " + path + ": " + count + " non-finite pixel value" + (count == 1 ? "" : "s")
                + " (NaN or infinite; first at x=" + x + ", y=" + y + ", channel " + channelName(c, image.channels())
                + ": " + d[first] + "); fix the plate (e.g. clamp or paint out NaN/Inf in compositing) "
                + "or read it with non-finite values replaced by 0");
    }

    private static String channelName(int c, int channels) {
        if (channels == 1) return "Y";
        return c < 4 ? String.valueOf("RGBA".charAt(c)) : String.valueOf(c);
    }
}
