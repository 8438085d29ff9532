package dev.photostyle.transfer.region;

import java.util.Locale;

/** How a multi-region transfer is computed. */
public enum RegionStrategy {
    /**
     * One pixel optimisation of the whole plate with one Gram target per region (each from its own
     * style image, each loss weighted by the region's soft matte) and the matting-Laplacian term
     * over the whole plate, so seams are regularised by the same objective.
     */
    JOINT,
    /**
     * One transfer per region (its matte against its style region), composited with the soft mattes
     * as alpha, then a whole-plate smooth local affine fit (Luan et al. 2017, §3 post-step) so the
     * seams follow the content, then the exact content put back outside every region.
     */
    PER_REGION;

    /** Parses {@code joint} or {@code per-region} (case-insensitive). */
    public static RegionStrategy parse(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RegionStrategy r : values()) if (r.name().equals(t)) return r;
        throw new IllegalArgumentException("--strategy must be joint or per-region, got '" + s + "'");
    }

    /** The command-line spelling. */
    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
