package dev.photostyle.matting.bench;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.matting.affine.SmoothLocalAffine;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times {@link SmoothLocalAffine} (DPST defaults: 3x3 fit, 31x31 bilateral) on a 700x400 content
 * with a noisy, colour-graded "result". A test-tree main (not in the jar), run from the IDE or with
 * the test classpath. Usage: {@code ... SmoothLocalAffineBench [content.png] [w] [h]}.
 */
public final class SmoothLocalAffineBench {
    private SmoothLocalAffineBench() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args.length > 0 ? args[0] : "../shared/data/dpst/input/in1.png");
        int w = args.length > 1 ? Integer.parseInt(args[1]) : 700;
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        FloatImage content = Resampler.resize(ImageFiles.read(in).rgb(), w, h);
        float[] r = content.toArray();
        Random rnd = new Random(1);
        for (int i = 0; i < r.length; i++) r[i] = (float) (0.8 * r[i] + 0.1 + 0.03 * rnd.nextGaussian());
        FloatImage result = FloatImage.wrap(w, h, 3, r);
        SmoothLocalAffine s = new SmoothLocalAffine(SmoothLocalAffine.Config.DPST);
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            s.apply(content, result);
            System.out.printf("run %d: %dx%d in %.3f s (%d cores)%n", run, w, h, (System.nanoTime() - t0) / 1e9,
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
