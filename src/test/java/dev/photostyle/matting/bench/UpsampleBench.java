package dev.photostyle.matting.bench;

import dev.photostyle.bench.PeakMemory;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.matting.upsample.GuidedUpsampling;
import java.nio.file.Path;

/**
 * Times {@link GuidedUpsampling} for a 4K output: the content is upscaled to 3840 px wide as the
 * full-resolution image, the working size has a 256 px long side and the "result" is a non-affine
 * colour grade of the small content. Prints seconds and peak heap.
 *
 * <p>A test-tree main (not in the jar). Usage: {@code java -Dai.djl.offline=true -cp
 * target/classes:target/test-classes:<dependencies> dev.photostyle.matting.bench.UpsampleBench
 * [content.png] [fullWidth] [workingLongSide]} (default ../shared/data/dpst/input/in1.png 3840 256).
 */
public final class UpsampleBench {
    private UpsampleBench() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args.length > 0 ? args[0] : "../shared/data/dpst/input/in1.png");
        int fullWidth = args.length > 1 ? Integer.parseInt(args[1]) : 3840;
        int working = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        FloatImage src = ImageFiles.read(in).rgb();
        int fullHeight = Math.max(1, (int) Math.round((double) src.height() * fullWidth / src.width()));
        FloatImage full = Resampler.resize(src, fullWidth, fullHeight);
        FloatImage small = Resampler.resizeLongSide(full, working);
        FloatImage graded = grade(small);
        GuidedUpsampling up = new GuidedUpsampling(GuidedUpsampling.Config.DEFAULT);
        up.upsample(small, graded, Resampler.resize(src, 64, 64 * src.height() / src.width())); // engine warm-up
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.gc(); // so the heap peak covers only the runs
        PeakMemory.reset();
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            FloatImage out = up.upsample(small, graded, full);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %dx%d from %dx%d in %.3f s%n", run, out.width(), out.height(),
                    small.width(), small.height(), s);
        }
        System.out.printf("inputs resident before: %.0f MiB; peak heap during runs: %.0f MiB; max heap %d MiB; cores %d%n",
                heapBefore / 1048576.0, PeakMemory.heapPeakBytes() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
    }

    /** A non-affine grade: per-channel gamma plus a channel mix. */
    private static FloatImage grade(FloatImage img) {
        float[] d = img.toArray();
        int n = img.pixels();
        float[] o = new float[d.length];
        for (int i = 0; i < n; i++) {
            double r = d[i], g = d[n + i], b = d[2 * n + i];
            o[i] = (float) Math.pow(0.7 * r + 0.3 * b, 0.8);
            o[n + i] = (float) Math.pow(g, 1.2);
            o[2 * n + i] = (float) (0.5 * b + 0.3 * g + 0.1);
        }
        return FloatImage.wrap(img.width(), img.height(), 3, o);
    }
}
