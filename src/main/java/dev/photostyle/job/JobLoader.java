package dev.photostyle.job;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.mask.Palette;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a job's images and mattes and checks them before any work, each problem as one line:
 * <ul>
 *   <li>a missing file, a matte far from its image's size (a few px off is resampled, as
 *       {@link MaskFit} does for masks), an empty content or style matte: errors;</li>
 *   <li>overlapping content mattes: a warning; where the mattes sum to more than 1 each is divided
 *       by the sum, so a pixel's region weights add up to at most 1 (and it is styled by each region
 *       in proportion);</li>
 *   <li>an unassigned style with nothing left to cover: a warning, and it is not used.</li>
 * </ul>
 * Whether a region has enough pixels for a Gram matrix at each layer depends on the working size;
 * {@link dev.photostyle.transfer.region.RegionLayers} checks that when the run starts.
 */
public final class JobLoader {
    private JobLoader() {}

    /** Reads and checks {@code job}. */
    public static LoadedJob load(JobSpec job) throws IOException {
        exists(job.content(), "content");
        for (RegionSpec r : job.regions()) files(r, true);
        if (job.unassigned() != null) files(job.unassigned(), false);
        DecodedImage content = PlateIO.read(job.content());
        int w = content.image().width();
        int h = content.image().height();
        List<String> warnings = new ArrayList<>();
        List<float[]> mattes = new ArrayList<>();
        for (RegionSpec r : job.regions()) {
            float[] m = matte(r.matte(), w, h, "region '" + r.name() + "' matte (" + r.matte().describe() + ")");
            if (mass(m) == 0) {
                throw new IllegalArgumentException("region '" + r.name() + "': its matte is empty (" + r.matte().describe()
                        + " covers no pixel of the content)");
            }
            mattes.add(m);
        }
        overlaps(job.regions(), mattes, warnings);
        List<LoadedJob.Region> regions = new ArrayList<>();
        for (int k = 0; k < mattes.size(); k++) regions.add(region(job.regions().get(k), mattes.get(k)));
        if (job.unassigned() != null) {
            float[] rest = new float[w * h];
            for (int i = 0; i < rest.length; i++) {
                float s = 0;
                for (float[] m : mattes) s += m[i];
                rest[i] = Math.max(0f, 1f - s);
            }
            if (mass(rest) == 0) {
                warnings.add("unassigned: every pixel belongs to a region; the unassigned style is not used");
            } else {
                regions.add(region(job.unassigned(), rest));
            }
        }
        return new LoadedJob(job, content, regions, warnings);
    }

    private static LoadedJob.Region region(RegionSpec r, float[] matte) throws IOException {
        DecodedImage read = PlateIO.read(r.style());
        // The reference as the network sees it (an EXR reference is linear), as transfer does.
        FloatImage style = ColourSettings.referenceForNetwork(read.image(), read.format());
        float[] sm = matte(r.styleMatte(), style.width(), style.height(),
                "region '" + r.name() + "' style_matte (" + r.styleMatte().describe() + ")");
        if (mass(sm) == 0) {
            throw new IllegalArgumentException("region '" + r.name() + "': its style matte is empty ("
                    + r.styleMatte().describe() + " covers no pixel of " + r.style().getFileName() + ")");
        }
        return new LoadedJob.Region(r.name(), matte, style.rgb(), sm, r.weight(), r.styleLayers());
    }

    private static void files(RegionSpec r, boolean hasMatte) {
        String where = "region '" + r.name() + "'";
        if (hasMatte && r.matte().file() != null) exists(r.matte().file(), where + " matte");
        exists(r.style(), where + " style");
        if (r.styleMatte().file() != null) exists(r.styleMatte().file(), where + " style_matte");
    }

    private static void exists(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException(what + ": file not found: " + p);
    }

    /**
     * The matte at {@code width x height} as weights in [0, 1].
     *
     * @throws IllegalArgumentException for a matte far from that size, or a soft matte without alpha
     */
    public static float[] matte(MatteSpec m, int width, int height, String what) throws IOException {
        switch (m.kind()) {
            case WHOLE -> {
                float[] one = new float[width * height];
                java.util.Arrays.fill(one, 1f);
                return one;
            }
            case COLOUR, LABEL -> {
                LabelMap map = MaskFiles.read(m.file(), m.kind() == MatteSpec.Kind.COLOUR
                        ? MaskFiles.Kind.COLOUR : MaskFiles.Kind.LABELS);
                map = MaskFit.fit(map, width, height, what);
                return map.mask(m.kind() == MatteSpec.Kind.COLOUR ? Palette.labelOf(m.colour()) : m.label());
            }
            default -> {
                FloatImage img = PlateIO.read(m.file()).image();
                float[] plane;
                if (m.kind() == MatteSpec.Kind.ALPHA) {
                    if (!img.hasAlpha()) throw new IllegalArgumentException(what + ": " + m.file().getFileName() + " has no alpha channel");
                    plane = img.alpha();
                } else if (img.channels() < 3) {
                    plane = img.channel(0);
                } else {
                    float[] d = img.toArray();
                    int n = img.pixels();
                    plane = new float[n];
                    for (int i = 0; i < n; i++) plane[i] = (d[i] + d[n + i] + d[2 * n + i]) / 3f;
                }
                if (img.width() != width || img.height() != height) {
                    if (Math.abs(img.width() - width) > MaskFit.tolerance(width)
                            || Math.abs(img.height() - height) > MaskFit.tolerance(height)) {
                        throw new IllegalArgumentException(what + " is " + img.width() + "x" + img.height()
                                + " but its image is " + width + "x" + height + " (mattes must match their image's size)");
                    }
                    plane = Resampler.resizePlane(plane, img.width(), img.height(), width, height);
                }
                for (int i = 0; i < plane.length; i++) plane[i] = Math.max(0f, Math.min(1f, plane[i]));
                return plane;
            }
        }
    }

    /** Warns about each overlapping pair and divides by the sum where the mattes add up to more than 1. */
    static void overlaps(List<RegionSpec> specs, List<float[]> mattes, List<String> warnings) {
        int n = mattes.get(0).length;
        Map<String, Integer> pairs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            float s = 0;
            for (float[] m : mattes) s += m[i];
            if (s <= 1f + 1e-6f) continue;
            for (int a = 0; a < mattes.size(); a++) {
                for (int b = a + 1; b < mattes.size(); b++) {
                    if (mattes.get(a)[i] > 0 && mattes.get(b)[i] > 0) {
                        pairs.merge("'" + specs.get(a).name() + "' and '" + specs.get(b).name() + "'", 1, Integer::sum);
                    }
                }
            }
            for (float[] m : mattes) m[i] /= s;
        }
        pairs.forEach((k, v) -> warnings.add(String.format(Locale.ROOT,
                "regions %s overlap on %d px; there each matte is divided by their sum, so the weights add up to 1",
                k, v)));
    }

    private static double mass(float[] m) {
        double s = 0;
        for (float v : m) s += v;
        return s;
    }
}
