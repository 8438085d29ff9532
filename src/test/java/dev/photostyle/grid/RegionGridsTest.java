package dev.photostyle.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.Lbfgs;
import dev.photostyle.optim.LbfgsConfig;
import dev.photostyle.optim.OptimizationResult;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Region-aware grids: regions of equal brightness take different colours; pixels of no region keep the content. */
class RegionGridsTest {
    private static final int W = 24, H = 16;
    private static final float[][] TARGET = {{0.8f, 0.3f, 0.2f}, {0.2f, 0.4f, 0.8f}};

    private static int label(int x, int y) {
        if (x >= 10 && x < 14 && y >= 6 && y < 10) return 2; // no grid: must keep the content
        return x < W / 2 ? 0 : 1;
    }

    @Test
    void eachRegionReachesItsOwnColourAndTheRestKeepsTheContent() {
        Random rnd = new Random(1);
        float[] c = new float[3 * W * H];
        for (int i = 0; i < c.length; i++) c[i] = 0.5f + 0.05f * (rnd.nextFloat() - 0.5f);
        FloatImage content = FloatImage.of(W, H, 3, c);
        int[] l = new int[W * H];
        float[] free = new float[W * H];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            l[y * W + x] = label(x, y);
            free[y * W + x] = label(x, y) == 2 ? 0f : 1f;
        }
        LabelMap mask = LabelMap.of(W, H, l, Map.of());
        GridSize size = new GridSize(4, 4, 4);
        float[][] weights = RegionWeights.soft(mask, List.of(0, 1), free, 1);
        float[] t = new float[3 * W * H];
        float[] inRegion = new float[2 * W * H];
        for (int i = 0; i < W * H; i++) {
            int r = l[i] == 2 ? -1 : l[i];
            for (int ch = 0; ch < 3; ch++) t[ch * W * H + i] = r < 0 ? c[ch * W * H + i] : TARGET[r][ch];
            // the loss sees the regions' interiors; the blended pixels of a matte edge are left free
            if (r >= 0 && weights[r][i] == 1f) inRegion[r * W * H + i] = 1;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            RegionGridSlicer slicer = new RegionGridSlicer(size, Tensors.toTensor(content, m), weights, m);
            NDArray target = m.create(t, new Shape(1, 3, H, W));
            NDArray regions = m.create(inRegion, new Shape(2, 1, H, W));
            // a simple colour loss: per region, mean squared distance to its target colour
            OptimizationResult res = new Lbfgs(LbfgsConfig.defaults()).minimize((p, out) -> {
                try (NDManager sub = out.newSubManager()) {
                    NDArray leaf = p.duplicate();
                    leaf.attach(sub);
                    leaf.setRequiresGradient(true);
                    double v;
                    try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                        NDArray d = slicer.render(leaf).sub(target).square().sum(new int[] {1}, true);
                        NDArray loss = d.mul(regions).sum().div(W * H / 2.0);
                        gc.backward(loss);
                        v = Tensors.scalar(loss);
                    }
                    NDArray g = leaf.getGradient().duplicate();
                    g.attach(out);
                    return new dev.photostyle.optim.Evaluation(v, Map.of(), g);
                }
            }, slicer.identity(m), 100, IterationListener.NONE, m);
            float[] x = slicer.render(res.best()).toFloatArray();
            double[][] sum = new double[2][3];
            int[] count = new int[2];
            for (int y = 0; y < H; y++) {
                for (int xx = 0; xx < W; xx++) {
                    int i = y * W + xx;
                    if (label(xx, y) == 2) {
                        for (int ch = 0; ch < 3; ch++) assertEquals(c[ch * W * H + i], x[ch * W * H + i], 0f, "content kept at " + xx + "," + y);
                        continue;
                    }
                    // interior pixels (beyond the 1 px blend of a matte edge)
                    boolean edge = false;
                    for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                        int yy = Math.max(0, Math.min(H - 1, y + dy)), xs = Math.max(0, Math.min(W - 1, xx + dx));
                        edge |= label(xs, yy) != label(xx, y);
                    }
                    if (edge) continue;
                    int r = label(xx, y);
                    for (int ch = 0; ch < 3; ch++) {
                        assertEquals(TARGET[r][ch], x[ch * W * H + i], 0.06, "region " + r + " channel " + ch + " at " + xx + "," + y);
                        sum[r][ch] += x[ch * W * H + i];
                    }
                    count[r]++;
                }
            }
            for (int r = 0; r < 2; r++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(TARGET[r][ch], sum[r][ch] / count[r], 0.015, "mean of region " + r + " channel " + ch);
                }
            }
            assertTrue(res.bestValue() < 2e-3, "loss " + res.bestValue());
            // The host model renders the same image at the working size.
            RegionGrids host = new RegionGrids(size, List.of(0, 1), RegionGrids.split(res.best().toFloatArray(), size, 2),
                    weights, W, H);
            assertArrayEquals(x, host.render(content).toArray(), 1e-4f);
        }
    }
}
