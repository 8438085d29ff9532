package dev.photostyle.lut.bench;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;

import java.util.Locale;
import java.util.Random;

/**
 * Which interpolation: error against the exact map at random colours (a smooth nonlinear grade:
 * S-curve, saturation in linear light, cross-talk) for 17³ and 33³, and time per 2K frame.
 * Run: {@code java -cp target/classes:target/test-classes dev.photostyle.lut.bench.InterpolationBench}.
 */
public final class InterpolationBench {
    private InterpolationBench() {}

    static void grade(double[] in, double[] out) {
        double[] lin = new double[3];
        for (int c = 0; c < 3; c++) lin[c] = Math.pow(in[c], 2.2);
        double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
        for (int c = 0; c < 3; c++) {
            double s = y + 1.4 * (lin[c] - y) + 0.05 * lin[(c + 1) % 3];
            double e = Math.pow(Math.max(0, s), 1 / 2.2);
            out[c] = e * e * (3 - 2 * Math.min(1, e)); // smoothstep contrast
        }
    }

    public static void main(String[] args) {
        Random rnd = new Random(1);
        int samples = 200_000;
        double[][] pts = new double[samples][];
        for (int i = 0; i < samples; i++) pts[i] = new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
        double[] exact = new double[3], got = new double[3];
        for (int n : new int[] {17, 33}) {
            Lut3d lut = Lut3d.bake(n, InterpolationBench::grade);
            for (Interpolation interp : Interpolation.values()) {
                double max = 0, sum = 0;
                for (double[] p : pts) {
                    grade(p, exact);
                    lut.lookup(p[0], p[1], p[2], interp, got);
                    for (int c = 0; c < 3; c++) {
                        double e = Math.abs(exact[c] - got[c]);
                        max = Math.max(max, e);
                        sum += e;
                    }
                }
                System.out.printf(Locale.ROOT, "%d^3 %-11s mean |err| %.2e  max %.2e%n", n, interp, sum / (3.0 * samples), max);
            }
        }
        float[] px = new float[3 * 2048 * 1080];
        for (int i = 0; i < px.length; i++) px[i] = rnd.nextFloat();
        FloatImage img = FloatImage.wrap(2048, 1080, 3, px);
        Lut3d lut = Lut3d.bake(33, InterpolationBench::grade);
        for (Interpolation interp : Interpolation.values()) {
            for (int rep = 0; rep < 3; rep++) lut.apply(img, interp); // warm up
            long t = System.nanoTime();
            int reps = 5;
            for (int rep = 0; rep < reps; rep++) lut.apply(img, interp);
            System.out.printf(Locale.ROOT, "%-11s %.1f ms per 2K frame (%d threads)%n", interp,
                    (System.nanoTime() - t) / 1e6 / reps, Runtime.getRuntime().availableProcessors());
        }
    }
}
