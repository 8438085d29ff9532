package dev.photostyle.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.mask.LayerMasks;

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
    private final NDArray index;   // (C, N) int64 pixel indices, region after region, broadcast over channels;
                                   // null: one region covering every pixel
    private final NDArray weights; // (1, N) w_k(p) at those pixels
    private final long[] splits;   // K - 1 column offsets where the next region starts

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
        long[] idx = new long[n];
        float[] w = new float[n];
        splits = new long[regions - 1];
        int j = 0;
        for (int k = 0; k < regions; k++) {
            if (k > 0) splits[k - 1] = j;
            float[] p = masks.planes()[k];
            double norm = (double) channels * hw * Math.max(masks.mean(k), 1e-8);
            for (int i = 0; i < hw; i++) {
                if (p[i] == 0) continue;
                idx[j] = i;
                w[j++] = (float) ((double) p[i] * p[i] / norm);
            }
        }
        // A stride-0 broadcast: torch.gather's backward is a scatter-add, several times faster on CPU
        // than advanced indexing's (a serial accumulating index_put).
        this.index = regions == 1 && n == hw ? null : manager.create(idx, new Shape(1, n)).broadcast(channels, n);
        this.weights = manager.create(w, new Shape(1, n));
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
        NDArray a = index == null ? f : f.gather(index, 1); // (C, N)
        NDArray weighted = a.stopGradient().mul(weights); // off the graph: no backward pass for this product
        NDList ap = regions == 1 ? new NDList(a) : a.split(splits, 1);
        NDList wp = regions == 1 ? new NDList(weighted) : weighted.split(splits, 1);
        NDList h = new NDList(regions);
        for (int k = 0; k < regions; k++) h.add(ap.get(k).matMul(wp.get(k).transpose()));
        NDArray g = regions == 1 ? h.get(0).expandDims(0) : NDArrays.stack(h);
        return g.add(g.transpose(0, 2, 1).sub(g.stopGradient().transpose(0, 2, 1)));
    }
}
