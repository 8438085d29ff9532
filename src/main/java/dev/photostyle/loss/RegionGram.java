package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.mask.LayerMasks;

import java.util.ArrayList;
import java.util.List;

/**
 * Area-normalised masked Gram matrices of K regions at one layer, computed over each region's
 * support only:
 * <pre>
 *   G_k = (F ∘ M_k)(F ∘ M_k)^T / (C·H·W·mean(M_k)) = Σ_{p : M_k(p) ≠ 0} w_k(p) F_p F_p^T,
 *   w_k(p) = M_k(p)² / (C·H·W·mean(M_k))
 * </pre>
 * for features F (1, C, H, W) and masks M_k (H x W); an empty mask gives a zero matrix.
 *
 * <p>Why not the plain {@code (F ∘ M)(F ∘ M)^T} over all K masks: that costs K·C²·H·W and a
 * (K, C, H, W) temporary, while region masks nearly partition the image, so their supports add up
 * to about H·W (1.03 to 1.4 of it on the DPST masks, soft borders included). Here every support's
 * pixels are gathered once into a (C, N) matrix, N = Σ_k |support_k|, and region k is one
 * (C, n_k) x (n_k, C) product over its columns.
 *
 * <p>The product {@code H_k = A_k (A_k W_k)^T} (A the gathered features, W_k the weights) carries
 * its gradient through A_k only; the weighted operand is the same matrix detached, which halves the
 * backward work and keeps the weighting off the graph. Adding {@code H^T − detach(H)^T} (exactly
 * zero) restores the full gradient {@code (gG + gG^T) A_k W_k} for any use of G, without changing G.
 *
 * <p>Where M_k(p) = 1 (a region's interior: all but its soft border, 97-99% of the support at
 * relu1_1 on the DPST masks) every weight is the same 1/(C·H·W·mean(M_k)), so those columns enter
 * as {@code A (detach A)^T / (C·H·W·mean(M_k))} and only the border's columns are weighted: the
 * weighted copy of the gathered features, a full pass over the largest layer, shrinks to the border.
 *
 * <p>The mask layout is fixed at construction; {@link #compute} then takes any features of that
 * layer's size. Index and weights live on the given manager.
 *
 * <pre>{@code
 * RegionGram gram = RegionGram.of(layerMasks, 256, manager);
 * NDArray g = gram.compute(features);   // (K, C, C), differentiable
 * }</pre>
 */
public final class RegionGram {
    private final int regions;
    private final int width;
    private final int height;
    private final long channels;
    private final NDArray index;     // (C, N) int64 pixel indices, region after region (interior, then border),
                                     // broadcast over channels; null: one region covering every pixel
    private final NDArray weights;   // (1, n) w_k(p) of the weighted columns: every pixel when index is null,
                                     // else the border columns, region after region
    private final long[] splits;     // column offsets where the next piece (interior k, border k) starts
    private final long[] borderSplits; // offsets in the weights where the next region's border starts
    private final boolean[] hasInterior;
    private final boolean[] hasBorder;
    private final NDArray[] interiorScale; // 0-d 1/(C·H·W·mean(M_k)) as fields: DJL's mul(Number) frees its
                                           // scalar before the backward pass reads it

    private RegionGram(LayerMasks masks, long channels, NDManager manager) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (masks.planes().length == 0) throw new IllegalArgumentException("masked Gram needs at least one region");
        this.regions = masks.planes().length;
        this.width = masks.width();
        this.height = masks.height();
        this.channels = channels;
        int hw = width * height;
        int n = 0;
        for (float[] p : masks.planes()) for (float v : p) if (v != 0) n++;
        hasInterior = new boolean[regions];
        hasBorder = new boolean[regions];
        interiorScale = new NDArray[regions];
        if (regions == 1 && n == hw) {
            // No gather: every column weighted.
            float[] w = new float[hw];
            float[] p = masks.planes()[0];
            double norm = (double) channels * hw * Math.max(masks.mean(0), 1e-8);
            for (int i = 0; i < hw; i++) w[i] = (float) ((double) p[i] * p[i] / norm);
            this.index = null;
            this.weights = manager.create(w, new Shape(1, hw));
            this.splits = new long[0];
            this.borderSplits = new long[0];
            hasBorder[0] = true;
            return;
        }
        long[] idx = new long[n];
        float[] w = new float[n];
        List<Long> cuts = new ArrayList<>();
        List<Long> wcuts = new ArrayList<>();
        int j = 0;
        int nw = 0;
        for (int k = 0; k < regions; k++) {
            float[] p = masks.planes()[k];
            double norm = (double) channels * hw * Math.max(masks.mean(k), 1e-8);
            interiorScale[k] = manager.create((float) (1 / norm));
            int start = j;
            for (int i = 0; i < hw; i++) if (p[i] == 1f) idx[j++] = i;
            hasInterior[k] = j > start;
            if (hasInterior[k]) cuts.add((long) j);
            start = j;
            if (k > 0) wcuts.add((long) nw);
            for (int i = 0; i < hw; i++) {
                if (p[i] == 0 || p[i] == 1f) continue;
                idx[j++] = i;
                w[nw++] = (float) ((double) p[i] * p[i] / norm);
            }
            hasBorder[k] = j > start;
            if (hasBorder[k]) cuts.add((long) j);
        }
        // A stride-0 broadcast: torch.gather's backward is a scatter-add, several times faster on CPU
        // than advanced indexing's (a serial accumulating index_put).
        this.index = manager.create(idx, new Shape(1, n)).broadcast(channels, n);
        this.weights = manager.create(java.util.Arrays.copyOf(w, nw), new Shape(1, nw));
        if (!cuts.isEmpty()) cuts.remove(cuts.size() - 1); // the last piece ends at N
        this.splits = cuts.stream().mapToLong(Long::longValue).toArray();
        this.borderSplits = wcuts.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The Gram of {@code masks} for features with {@code channels} channels.
     *
     * @param manager where the index and weights live (on the features' device)
     */
    public static RegionGram of(LayerMasks masks, long channels, NDManager manager) {
        return new RegionGram(masks, channels, manager);
    }

    /** Number of regions K. */
    public int regions() { return regions; }

    /** Features (1, C, H, W) of this layout's size -> (K, C, C) Gram matrices, on the features' manager. */
    public NDArray compute(NDArray features) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || s.get(0) != 1 || s.get(1) != channels || s.get(2) != height || s.get(3) != width) {
            throw new IllegalArgumentException("features " + s + " do not match the masked Gram's (1, " + channels
                    + ", " + height + ", " + width + ")");
        }
        NDArray f = features.reshape(channels, (long) width * height);
        NDArray g;
        if (index == null) {
            g = f.matMul(f.stopGradient().mul(weights).transpose()).expandDims(0);
        } else {
            NDArray a = f.gather(index, 1); // (C, N)
            NDList pieces = splits.length == 0 ? new NDList(a) : a.split(splits, 1);
            NDList bw = borderSplits.length == 0 ? new NDList(weights) : weights.split(borderSplits, 1);
            NDList h = new NDList(regions);
            int next = 0;
            for (int k = 0; k < regions; k++) {
                NDArray hk = null;
                if (hasInterior[k]) {
                    NDArray in = pieces.get(next++);
                    // Off the graph on the right: no backward pass for this operand (see the class comment).
                    hk = in.matMul(in.stopGradient().transpose()).mul(interiorScale[k]);
                }
                if (hasBorder[k]) {
                    NDArray b = pieces.get(next++);
                    NDArray hb = b.matMul(b.stopGradient().mul(bw.get(k)).transpose());
                    hk = hk == null ? hb : hk.add(hb);
                }
                if (hk == null) { // an empty region: zeros, still on the graph (an empty product)
                    NDArray none = a.get(":, 0:0");
                    hk = none.matMul(none.transpose());
                }
                h.add(hk);
            }
            g = regions == 1 ? h.get(0).expandDims(0) : NDArrays.stack(h);
        }
        return g.add(g.transpose(0, 2, 1).sub(g.stopGradient().transpose(0, 2, 1)));
    }
}
