package dev.photostyle.cli;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A generated dataset laid out like ../shared/data/dpst, tiny, for command tests. */
final class TinyDataset {
    private TinyDataset() {}

    static FloatImage image(int w, int h, long seed, float r, float g, float b) {
        Random rnd = new Random(seed);
        float[] d = new float[3 * w * h];
        float[] tint = {r, g, b};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = tint[c] * (0.4 + 0.6 * y / h) + 0.1 * Math.sin(0.5 * x + c) + 0.05 * rnd.nextGaussian();
                    d[(c * h + y) * w + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    /** Colour mask: top rows blue, the rest {@code bottom} (an RGB triple). */
    static FloatImage mask(int w, int h, int topRows, float[] bottom) {
        float[] d = new float[3 * w * h];
        float[] top = {0, 0, 1};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) d[(c * h + y) * w + x] = y < topRows ? top[c] : bottom[c];
            }
        }
        return FloatImage.wrap(w, h, 3, d);
    }

    /** Two pairs (1 and 2); pair 1 has a paper result; pair 2's content has an orphan (red) region. */
    static Path write(Path root) throws IOException {
        for (String d : new String[] {"input", "style", "segmentation", "paper_results"}) {
            Files.createDirectories(root.resolve(d));
        }
        float[] green = {0, 1, 0}, red = {1, 0, 0};
        ImageFiles.write(image(56, 42, 1, 0.3f, 0.5f, 0.8f), root.resolve("input/in1.png"));
        ImageFiles.write(image(48, 48, 2, 0.9f, 0.5f, 0.2f), root.resolve("style/tar1.png"));
        ImageFiles.write(mask(56, 42, 20, green), root.resolve("segmentation/in1.png"));
        ImageFiles.write(mask(48, 48, 24, green), root.resolve("segmentation/tar1.png"));
        ImageFiles.write(image(56, 42, 3, 0.6f, 0.6f, 0.6f), root.resolve("paper_results/best1_t_1000.png"));
        ImageFiles.write(image(40, 56, 4, 0.2f, 0.7f, 0.3f), root.resolve("input/in2.png"));
        ImageFiles.write(image(50, 40, 5, 0.8f, 0.2f, 0.6f), root.resolve("style/tar2.png"));
        ImageFiles.write(mask(40, 56, 30, red), root.resolve("segmentation/in2.png"));
        ImageFiles.write(mask(50, 40, 20, green), root.resolve("segmentation/tar2.png"));
        return root;
    }
}
