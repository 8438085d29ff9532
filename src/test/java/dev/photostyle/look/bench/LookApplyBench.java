package dev.photostyle.look.bench;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.look.Look;
import dev.photostyle.look.ShotLook;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Random;

/**
 * Apply time per frame of a look on synthetic half-float ZIP EXR plates (2K and 4K), read, look
 * and write separately. Args: LOOK.json WORKDIR [frames]. Masks: vertical stripes of the look's labels.
 */
public final class LookApplyBench {
    private LookApplyBench() {}

    public static void main(String[] args) throws Exception {
        Look look = Look.read(Path.of(args[0]));
        Path dir = Files.createDirectories(Path.of(args[1]));
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int[] size : new int[][] {{2048, 1080}, {3840, 2160}}) {
            int w = size[0], h = size[1];
            String tag = w + "x" + h;
            Random rnd = new Random(1);
            for (int f = 1; f <= frames; f++) {
                float[] px = new float[3 * w * h];
                for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
                    double v = 0.02 + 1.5 * Math.pow((double) x / w, 2) * (0.6 + 0.4 * Math.sin(y * 0.01 + f));
                    for (int c = 0; c < 3; c++) px[(c * h + y) * w + x] = (float) (v * (0.8 + 0.1 * c) + 0.01 * rnd.nextFloat());
                }
                PlateIO.write(FloatImage.wrap(w, h, 3, px), dir.resolve(String.format(Locale.ROOT, "%s.%04d.exr", tag, f)),
                        PlateFormat.forPath(Path.of("x.exr")));
            }
            int[] labels = new int[w * h];
            for (int i = 0; i < labels.length; i++) labels[i] = look.labels().get((i % w) * look.labels().size() / w);
            LabelMap mask = LabelMap.of(w, h, labels, new HashMap<>());
            FramePattern out = new FramePattern(dir.resolve(tag + ".out.%04d.exr").toString());
            for (int f = 1; f <= frames; f++) Files.deleteIfExists(out.path(f));
            double[] sum = new double[3];
            new ShotLook(look, new FramePattern(dir.resolve(tag + ".%04d.exr").toString()), out, fr -> mask,
                    ColourSettings.defaults()).run(FrameRange.parse("1-" + frames), r -> {
                        System.out.printf(Locale.ROOT, "%s frame %d: read %.3f s, look %.3f s, write %.3f s, total %.3f s%n", tag,
                                r.frame(), r.readSeconds(), r.applySeconds(), r.writeSeconds(),
                                r.readSeconds() + r.applySeconds() + r.writeSeconds());
                    });
        }
    }
}
