package dev.photostyle.job;

import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.TransferConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A job with its images and mattes read and checked, at their own sizes. Content mattes are at the
 * content's size and already normalised where they overlap (their sum is at most 1 per pixel).
 *
 * @param spec     the job as parsed
 * @param content  the plate as read
 * @param regions  the regions (the unassigned style last, if any)
 * @param warnings what the checks found but could work around, one line each
 */
public record LoadedJob(JobSpec spec, DecodedImage content, List<Region> regions, List<String> warnings) {
    public LoadedJob {
        regions = List.copyOf(regions);
        warnings = List.copyOf(warnings);
    }

    /**
     * One region, read.
     *
     * @param name        its name
     * @param matte       content matte, content size, in [0, 1]
     * @param style       style image as the network sees it (display sRGB in [0, 1], RGB)
     * @param styleMatte  style matte, style size, in [0, 1]
     * @param weight      style strength
     * @param styleLayers its own layers, or null for the run's
     */
    public record Region(String name, float[] matte, FloatImage style, float[] styleMatte, double weight,
            List<String> styleLayers) {}

    /** 1 where some region has weight, 0 where the content must stay exactly as it is (content size). */
    public boolean[] support() {
        int n = content.image().pixels();
        boolean[] s = new boolean[n];
        for (Region r : regions) for (int i = 0; i < n; i++) s[i] |= r.matte()[i] > 0f;
        return s;
    }

    /** The regions at the working size of {@code cfg}; regions without layers of their own use the config's. */
    public List<RegionTarget> targets(TransferConfig cfg) {
        FloatImage c = content.image();
        int[] cs = Resampler.fitLongSide(c.width(), c.height(), cfg.size());
        List<RegionTarget> out = new ArrayList<>();
        for (Region r : regions) {
            int[] ss = Resampler.fitLongSide(r.style().width(), r.style().height(), cfg.size());
            float[] cm = clamp(Resampler.resizePlane(r.matte(), c.width(), c.height(), cs[0], cs[1]));
            float[] sm = clamp(Resampler.resizePlane(r.styleMatte(), r.style().width(), r.style().height(), ss[0], ss[1]));
            out.add(new RegionTarget(r.name(), cm, Resampler.resize(r.style().rgb(), ss[0], ss[1]), sm, r.weight(),
                    r.styleLayers() != null ? r.styleLayers() : cfg.styleLayers()));
        }
        return out;
    }

    private static float[] clamp(float[] m) {
        for (int i = 0; i < m.length; i++) m[i] = Math.max(0f, Math.min(1f, m[i]));
        return m;
    }
}
