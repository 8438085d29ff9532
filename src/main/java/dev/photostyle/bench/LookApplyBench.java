package dev.photostyle.bench;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.look.Look;
import dev.photostyle.look.ShotLook;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Time per frame of {@code look apply} ({@link ShotLook}: read, look, write) on synthetic
 * half-float ZIP EXR plates, one matte for the shot (vertical stripes of the look's regions), as a
 * shot runs: the first frame builds the mattes and colour tables, the others reuse them. Each size
 * writes its plates once, then runs the shot with the stages one after another (stage medians over
 * the frames: one frame's latency; and the shot's wall time per frame) and again with the stages
 * overlapping (the shot's wall time per frame: its throughput that way).
 *
 * <pre>{@code List<LookApplyBench.Size> r = new LookApplyBench(LookApplyBench.syntheticLook(), 5).run(List.of(new int[] {2048, 1080}), scratch);}</pre>
 */
public final class LookApplyBench {
    private final Look look;
    private final int frames;

    /**
     * @param look   the look applied
     * @param frames frames per size (at least 1)
     */
    public LookApplyBench(Look look, int frames) {
        if (frames < 1) throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        this.look = look;
        this.frames = frames;
    }

    /** Three regions with 33³ affine LUTs (warm, cool, contrast), tetrahedral: a look's cost does not depend on its colours. */
    public static Look syntheticLook() {
        double[][][] a = {
            {{1.1, 0, 0, 0.02}, {0, 1, 0, 0}, {0, 0.05, 0.85, -0.01}},
            {{0.9, 0, 0, 0}, {0, 0.95, 0.05, 0.01}, {0, 0, 1.15, 0.03}},
            {{1.3, 0, 0, -0.15}, {0, 1.3, 0, -0.15}, {0, 0, 1.3, -0.15}}};
        List<Look.Region> regions = new ArrayList<>();
        for (int r = 0; r < a.length; r++) regions.add(new Look.Region(r, "region " + r, Lut3d.bakeAffine(33, a[r])));
        return new Look(regions, Interpolation.TETRAHEDRAL, true, 2.0 / 256, Map.of());
    }

    /**
     * One plate size's figures: medians over the frames, in seconds.
     *
     * @param width  plate width
     * @param height plate height
     * @param read   reading the plate
     * @param apply  the look (colour path, mattes, LUTs)
     * @param write  writing the result
     * @param total  the three together: one frame's latency
     * @param sequential wall time per frame of the shot after the first, stages one after another; {@code NaN} with one frame
     * @param overlapped the same with the stages overlapping ({@link ShotLook#run}): the shot's throughput
     * @param first  the first frame's total (mattes and tables built)
     */
    public record Size(int width, int height, double read, double apply, double write, double total, double sequential,
            double overlapped, double first) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("width", width);
            m.put("height", height);
            m.put("read_s_median", read);
            m.put("look_s_median", apply);
            m.put("write_s_median", write);
            m.put("total_s_median", total);
            m.put("shot_s_per_frame_sequential", sequential);
            m.put("shot_s_per_frame_overlapped", overlapped);
            m.put("first_frame_s", first);
            return m;
        }
    }

    /** Runs each size ({width, height}) in {@code scratch}. */
    public List<Size> run(List<int[]> sizes, Path scratch) throws IOException {
        List<Size> out = new ArrayList<>();
        for (int[] s : sizes) out.add(run(s[0], s[1], scratch));
        return out;
    }

    private Size run(int w, int h, Path scratch) throws IOException {
        String tag = w + "x" + h;
        Path dir = Files.createDirectories(scratch.resolve("look-apply-" + tag));
        FramePattern in = new FramePattern(dir.resolve("plate.%04d.exr").toString());
        FramePattern res = new FramePattern(dir.resolve("out.%04d.exr").toString());
        PlateFormat half = new PlateFormat(PlateFormat.Container.EXR, PlateFormat.SampleType.HALF, false, PlateFormat.Compression.ZIP);
        for (int f = 1; f <= frames; f++) {
            PlateIO.write(plate(w, h, f), in.path(f), half);
            Files.deleteIfExists(res.path(f));
        }
        int[] labels = new int[w * h];
        List<Integer> ls = look.labels();
        for (int i = 0; i < labels.length; i++) labels[i] = ls.get((i % w) * ls.size() / w);
        LabelMap mask = LabelMap.of(w, h, labels, new HashMap<>());
        double[] read = new double[frames], apply = new double[frames], write = new double[frames], total = new double[frames];
        double[] done = new double[frames];
        int[] k = {0};
        ShotLook shot = new ShotLook(look, in, res, look.masked() ? f -> mask : null, ColourSettings.defaults());
        shot.run(FrameRange.parse("1-" + frames), false, r -> {
            int i = k[0]++;
            read[i] = r.readSeconds();
            apply[i] = r.applySeconds();
            write[i] = r.writeSeconds();
            total[i] = r.readSeconds() + r.applySeconds() + r.writeSeconds();
            done[i] = r.doneSeconds();
        });
        double sequential = perFrame(done);
        for (int f = 1; f <= frames; f++) Files.delete(res.path(f));
        k[0] = 0;
        shot.run(FrameRange.parse("1-" + frames), true, r -> done[k[0]++] = r.doneSeconds());
        return new Size(w, h, median(read), median(apply), median(write), median(total), sequential, perFrame(done), total[0]);
    }

    /** Wall time per frame after the first (whose mattes and tables are built), from when each output was complete. */
    private static double perFrame(double[] done) {
        int n = done.length;
        return n > 1 ? (done[n - 1] - done[0]) / (n - 1) : Double.NaN;
    }

    /** A linear plate: a horizontal ramp to 1.5 with slow vertical waves and 1% noise (grain), different per frame. */
    static FloatImage plate(int w, int h, int frame) {
        Random rnd = new Random(frame);
        float[] px = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0.02 + 1.5 * Math.pow((double) x / w, 2) * (0.6 + 0.4 * Math.sin(y * 0.01 + frame));
                for (int c = 0; c < 3; c++) px[(c * h + y) * w + x] = (float) (v * (0.8 + 0.1 * c) + 0.01 * rnd.nextFloat());
            }
        }
        return FloatImage.wrap(w, h, 3, px);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** A plain-text table of the sizes. */
    public static String table(List<Size> sizes) {
        StringBuilder b = new StringBuilder("look apply (half ZIP EXR, s; read..total: medians per frame, stages one after another;\n"
                + "  seq/overlap: shot wall time per frame after the first, stages one after another / overlapping)\n");
        b.append(String.format(Locale.ROOT, "%-11s %7s %7s %7s %7s %7s %7s %7s%n", "plate", "read", "look", "write", "total", "seq",
                "overlap", "first"));
        for (Size s : sizes) {
            b.append(String.format(Locale.ROOT, "%-11s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f%n", s.width() + "x" + s.height(), s.read(),
                    s.apply(), s.write(), s.total(), s.sequential(), s.overlapped(), s.first()));
        }
        return b.toString();
    }
}
