package dev.photostyle.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.loss.ContentLoss;
import dev.photostyle.loss.MaskedGramStyleLoss;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.LayerMasks;
import dev.photostyle.mask.MaskFit;
import dev.photostyle.mask.MaskPropagation;
import dev.photostyle.mask.RegionMatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a transfer computes once before optimising: working-size images and masks, the
 * region pairing, the free-pixel mask, and the content and style targets. Targets live in this
 * object's own manager (never the base manager) and die with {@link #close()}.
 */
public final class PreparedTransfer implements AutoCloseable {
    private final NDManager manager;
    private final FloatImage content;
    private final LabelMap contentMask;
    private final RegionMatch match;
    private final float[] freeMask;
    private FloatImage style;      // working-size style of a single-style transfer (null for regions)
    private LabelMap styleMask;    // and its mask
    private final Map<String, ContentLoss> contentLosses = new LinkedHashMap<>();
    private final List<StyleTerm> styleTerms = new ArrayList<>();

    private PreparedTransfer(NDManager manager, FloatImage content, LabelMap contentMask, RegionMatch match,
            float[] freeMask) {
        this.manager = manager;
        this.content = content;
        this.contentMask = contentMask;
        this.match = match;
        this.freeMask = freeMask;
    }

    /**
     * Resizes inputs to the working size, pairs the mask regions and computes targets.
     *
     * @throws IllegalArgumentException for masks that do not fit their images or share no label
     */
    public static PreparedTransfer prepare(TransferInputs in, TransferConfig cfg, VggFeatureExtractor vgg,
            NDManager parent) {
        vgg.weights().requireLayers(cfg.allLayers());
        int[] cs = Resampler.fitLongSide(in.content().width(), in.content().height(), cfg.size());
        int[] ss = Resampler.fitLongSide(in.style().width(), in.style().height(), cfg.size());
        FloatImage content = Resampler.resize(in.content().rgb(), cs[0], cs[1]);
        FloatImage style = Resampler.resize(in.style().rgb(), ss[0], ss[1]);
        LabelMap cm;
        LabelMap sm;
        if (in.contentMask() == null) {
            cm = LabelMap.uniform(cs[0], cs[1], 0, "all");
            sm = LabelMap.uniform(ss[0], ss[1], 0, "all");
        } else {
            cm = MaskFit.fit(in.contentMask(), in.content().width(), in.content().height(), "content mask")
                    .resizeNearest(cs[0], cs[1]);
            sm = MaskFit.fit(in.styleMask(), in.style().width(), in.style().height(), "style mask")
                    .resizeNearest(ss[0], ss[1]);
        }
        Set<Integer> exclude = cfg.excludeLabels();
        RegionMatch match = RegionMatch.of(cm, sm, exclude);
        if (match.matched().isEmpty() && !cfg.styleLayers().isEmpty()) {
            throw new IllegalArgumentException("the content and style masks share no label to transfer "
                    + "(content has " + names(cm, cm.counts().keySet()) + ", style has "
                    + names(sm, sm.counts().keySet()) + ")");
        }
        NDManager mgr = parent.newSubManager();
        mgr.setName("transfer-targets");
        PreparedTransfer p = new PreparedTransfer(mgr, content, cm, match, match.freeMask(cm));
        p.style = style;
        p.styleMask = sm;
        try {
            p.buildTargets(style, sm, cfg, vgg);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private static String names(LabelMap m, Set<Integer> labels) {
        return labels.stream().map(m::name).toList().toString();
    }

    private void buildTargets(FloatImage style, LabelMap sm, TransferConfig cfg, VggFeatureExtractor vgg) {
        List<Integer> labels = List.copyOf(match.matched());
        try (NDManager tmp = manager.newSubManager()) {
            if (!cfg.contentLayers().isEmpty()) {
                NDArray c = Tensors.toTensor(content, tmp);
                Map<String, NDArray> f = vgg.extract(c, cfg.contentLayers());
                for (Map.Entry<String, NDArray> e : f.entrySet()) {
                    NDArray t = e.getValue().duplicate();
                    t.attach(manager);
                    contentLosses.put(e.getKey(), new ContentLoss(t));
                }
            }
            if (!cfg.styleLayers().isEmpty()) {
                float[][] cPlanes = planes(contentMask, labels);
                float[][] sPlanes = planes(sm, labels);
                Map<String, LayerMasks> cMasks = MaskPropagation.propagate(cPlanes, contentMask.width(),
                        contentMask.height(), cfg.styleLayers());
                Map<String, LayerMasks> sMasks = MaskPropagation.propagate(sPlanes, sm.width(), sm.height(),
                        cfg.styleLayers());
                NDArray s = Tensors.toTensor(style, tmp);
                Map<String, NDArray> f = vgg.extract(s, cfg.styleLayers());
                for (String layer : cfg.styleLayers()) {
                    MaskedGramStyleLoss loss = new MaskedGramStyleLoss(f.get(layer), sMasks.get(layer),
                            cMasks.get(layer), manager);
                    styleTerms.add(new StyleTerm(layer, loss, 1.0 / cfg.styleLayers().size()));
                }
            }
        }
    }

    /**
     * Prepares a multi-region transfer: one Gram target per region, each from its own style image
     * and style matte, each weighting its loss with its own soft content matte (carried to every
     * layer by {@link MaskPropagation}). The free mask is the soft union {@code min(1, Σ_r m_r)}
     * of the content mattes, so pixels of no region keep the content exactly.
     *
     * <p>The content contributes the content targets at {@code cfg.contentLayers()};
     * {@code cfg.styleLayers()} is not used (each region brings its own layers), but the extractor
     * given to the objective must compute every region's layers (see {@link #styleLayers()}).
     *
     * @param content working-size content, RGB in [0, 1]
     * @param regions regions whose content mattes are {@code content}'s size
     * @throws IllegalArgumentException for no region or mattes of the wrong size
     */
    public static PreparedTransfer prepareRegions(FloatImage content, List<RegionTarget> regions, TransferConfig cfg,
            VggFeatureExtractor vgg, NDManager parent) {
        return prepareRegions(content, regions, cfg, vgg, parent, null);
    }

    /**
     * As {@link #prepareRegions(FloatImage, List, TransferConfig, VggFeatureExtractor, NDManager)},
     * with the free mask given ({@code H x W}, in [0, 1]; null for the soft union of the mattes),
     * e.g. a region's whole support when its result is composited with its matte as alpha later.
     */
    public static PreparedTransfer prepareRegions(FloatImage content, List<RegionTarget> regions, TransferConfig cfg,
            VggFeatureExtractor vgg, NDManager parent, float[] freeMask) {
        if (freeMask != null && freeMask.length != content.pixels()) {
            throw new IllegalArgumentException("free mask has " + freeMask.length + " values for "
                    + content.pixels() + " pixels");
        }
        if (regions.isEmpty()) throw new IllegalArgumentException("a multi-region transfer needs at least one region");
        int n = content.pixels();
        float[] free = new float[n];
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, LabelMap.UNLABELLED);
        float[] best = new float[n];
        Map<Integer, String> names = new LinkedHashMap<>();
        java.util.SortedSet<Integer> matched = new java.util.TreeSet<>();
        for (int r = 0; r < regions.size(); r++) {
            RegionTarget t = regions.get(r);
            float[] m = t.contentMatte();
            if (m.length != n) {
                throw new IllegalArgumentException("region '" + t.name() + "': content matte has " + m.length
                        + " values for a " + content.width() + "x" + content.height() + " content");
            }
            vgg.weights().requireLayers(t.styleLayers());
            for (int i = 0; i < n; i++) {
                free[i] = Math.min(1f, free[i] + m[i]);
                if (m[i] > best[i]) {
                    best[i] = m[i];
                    labels[i] = r;
                }
            }
            names.put(r, t.name());
            matched.add(r);
        }
        vgg.weights().requireLayers(cfg.contentLayers());
        LabelMap cm = LabelMap.of(content.width(), content.height(), labels, names);
        RegionMatch match = new RegionMatch(matched, new java.util.TreeSet<>(), new java.util.TreeSet<>(),
                new java.util.TreeSet<>());
        NDManager mgr = parent.newSubManager();
        mgr.setName("region-targets");
        PreparedTransfer p = new PreparedTransfer(mgr, content, cm, match, freeMask != null ? freeMask.clone() : free);
        try {
            p.buildRegionTargets(regions, cfg, vgg);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private void buildRegionTargets(List<RegionTarget> regions, TransferConfig cfg, VggFeatureExtractor vgg) {
        try (NDManager tmp = manager.newSubManager()) {
            if (!cfg.contentLayers().isEmpty()) {
                Map<String, NDArray> f = vgg.extract(Tensors.toTensor(content, tmp), cfg.contentLayers());
                for (Map.Entry<String, NDArray> e : f.entrySet()) {
                    NDArray t = e.getValue().duplicate();
                    t.attach(manager);
                    contentLosses.put(e.getKey(), new ContentLoss(t));
                }
            }
            for (RegionTarget r : regions) {
                FloatImage style = r.style();
                Map<String, LayerMasks> cMasks = MaskPropagation.propagate(new float[][] {r.contentMatte()},
                        content.width(), content.height(), r.styleLayers());
                Map<String, LayerMasks> sMasks = MaskPropagation.propagate(new float[][] {r.styleMatte()},
                        style.width(), style.height(), r.styleLayers());
                try (NDManager one = tmp.newSubManager()) {
                    Map<String, NDArray> f = vgg.extract(Tensors.toTensor(style.rgb(), one), r.styleLayers());
                    for (String layer : r.styleLayers()) {
                        MaskedGramStyleLoss loss = new MaskedGramStyleLoss(f.get(layer), sMasks.get(layer),
                                cMasks.get(layer), manager);
                        styleTerms.add(new StyleTerm(layer, loss, r.weight() / r.styleLayers().size()));
                    }
                }
            }
        }
    }

    private static float[][] planes(LabelMap m, List<Integer> labels) {
        float[][] p = new float[labels.size()][];
        for (int k = 0; k < labels.size(); k++) p[k] = m.mask(labels.get(k));
        return p;
    }

    /** Working-size content, RGB in [0, 1]. */
    public FloatImage content() { return content; }

    /** Working-size content mask. */
    public LabelMap contentMask() { return contentMask; }

    /** Working-size style image of a single-style transfer (RGB in [0, 1]); null for a multi-region one. */
    public FloatImage style() { return style; }

    /** Working-size style mask of a single-style transfer; null for a multi-region one. */
    public LabelMap styleMask() { return styleMask; }

    /** How the regions paired. */
    public RegionMatch match() { return match; }

    /** 1 where a pixel may change, 0 where it must keep the content (H x W, row-major). */
    public float[] freeMask() { return freeMask.clone(); }

    public Map<String, ContentLoss> contentLosses() { return contentLosses; }

    /** Every style loss with its layer and weight, single-style or multi-region; what the objective sums. */
    public List<StyleTerm> styleTerms() { return java.util.Collections.unmodifiableList(styleTerms); }

    /** Every layer some style term reads, in first-use order. */
    public List<String> styleLayers() {
        return List.copyOf(new java.util.LinkedHashSet<>(styleTerms.stream().map(StyleTerm::layer).toList()));
    }

    /** The manager that owns the targets; objectives put their long-lived constants here. */
    public NDManager manager() { return manager; }

    @Override
    public void close() {
        manager.close();
    }
}
