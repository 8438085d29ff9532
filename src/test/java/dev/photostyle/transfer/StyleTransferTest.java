package dev.photostyle.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.testing.TestWeights;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline on synthetic images with generated weights (no shared data needed). */
class StyleTransferTest {
    private static VggFeatureExtractor vgg;
    private static final int W = 40;
    private static final int H = 32;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv2_1", 11)), Device.cpu());
    }

    @AfterAll
    static void close() { vgg.close(); }

    /** Content: smooth gradients; labels 0 left, 1 right, 2 (orphan) a block in the middle. */
    private static TransferInputs inputs() {
        float[] c = new float[3 * W * H];
        float[] s = new float[3 * W * H];
        int[] cl = new int[W * H];
        int[] sl = new int[W * H];
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                c[i] = 0.2f + 0.5f * x / W;
                c[W * H + i] = 0.3f + 0.4f * y / H;
                c[2 * W * H + i] = 0.5f;
                // Style: red noisy texture on the left, blue stripes on the right.
                boolean left = x < W / 2;
                s[i] = left ? 0.8f + 0.2f * r.nextFloat() : 0.1f;
                s[W * H + i] = left ? 0.2f * r.nextFloat() : (x % 4 < 2 ? 0.2f : 0.6f);
                s[2 * W * H + i] = left ? 0.1f : 0.9f;
                cl[i] = x < W / 2 ? 0 : 1;
                if (x >= 16 && x < 24 && y >= 12 && y < 20) cl[i] = 2;
                sl[i] = left ? 0 : 1;
            }
        }
        return new TransferInputs(FloatImage.of(W, H, 3, c), FloatImage.of(W, H, 3, s),
                LabelMap.of(W, H, cl, Map.of()), LabelMap.of(W, H, sl, Map.of()), null);
    }

    private static TransferConfig config() {
        return TransferConfig.builder().size(W).contentLayers(List.of("relu2_1"))
                .styleLayers(List.of("relu1_1", "relu2_1")).iterations(15).laplacianWeight(0).build();
    }

    @Test
    void lossFallsMaskedRegionsChangeAndOrphansKeepTheContent() {
        TransferInputs in = inputs();
        TransferResult r = new StyleTransfer(vgg).run(in, config(), IterationListener.NONE);
        List<IterationRecord> h = r.history();
        assertTrue(r.bestValue() < h.get(0).value() * 0.9, "loss " + h.get(0).value() + " -> " + r.bestValue());
        double min = h.stream().mapToDouble(IterationRecord::value).min().orElseThrow();
        assertEquals(min, r.bestValue(), 0.0);
        float[] out = r.image().toArray();
        float[] content = in.content().toArray();
        double changed = 0;
        int n = W * H;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                boolean orphan = x >= 16 && x < 24 && y >= 12 && y < 20;
                for (int c = 0; c < 3; c++) {
                    if (orphan) {
                        assertEquals(content[c * n + i], out[c * n + i], 0f, "orphan pixel repainted at " + x + "," + y);
                    } else {
                        changed += Math.abs(out[c * n + i] - content[c * n + i]);
                    }
                }
            }
        }
        assertTrue(changed / (3 * (n - 64)) > 0.01, "styled regions barely changed: " + changed);
        for (float v : out) assertTrue(v >= 0f && v <= 1f);
        // The left region moves toward the style's red: more red than blue on average.
        double red = 0;
        double blue = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < 10; x++) {
                red += out[y * W + x];
                blue += out[2 * n + y * W + x];
            }
        }
        double redBefore = 0;
        for (int y = 0; y < H; y++) for (int x = 0; x < 10; x++) redBefore += content[y * W + x];
        assertTrue(red > redBefore, "left region should get redder");
        assertTrue(blue < 0.5 * H * 10, "left region should lose blue");
    }

    @Test
    void photorealismTermActsOnTheGradient() {
        TransferInputs in = inputs();
        TransferConfig on = config().toBuilder().laplacianWeight(1e4).build();
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                PreparedTransfer p = PreparedTransfer.prepare(in, on, vgg, m);
                TransferObjective withL = new TransferObjective(p, vgg, on);
                TransferObjective without = new TransferObjective(p, vgg, config())) {
            // A painted-in pattern: the content plus a checkerboard, which no local affine map explains.
            float[] d = in.content().toArray();
            for (int i = 0; i < d.length; i++) d[i] += ((i % W + i / W) % 2 == 0) ? 0.05f : -0.05f;
            ai.djl.ndarray.NDArray x = dev.photostyle.engine.Tensors.toTensor(FloatImage.of(W, H, 3, d), m);
            var a = withL.evaluate(x, m);
            var b = without.evaluate(x, m);
            assertTrue(a.terms().get("photorealism") > 1.0, "energy of a painted pattern: " + a.terms());
            double diff = dev.photostyle.engine.Tensors.scalar(a.gradient().sub(b.gradient()).abs().sum());
            double base = dev.photostyle.engine.Tensors.scalar(b.gradient().abs().sum());
            assertTrue(diff > 0.1 * base, "the Laplacian term must change the gradient: " + diff + " vs " + base);
            var c = withL.evaluate(withL.content(), m);
            assertTrue(c.terms().get("photorealism") < 1e-3 * a.terms().get("photorealism"),
                    "the content itself is photographic: " + c.terms());
        }
    }

    /**
     * Every term of the objective (content, masked style, TV, range, photorealism), each alone, gives
     * the same gradient when a garbage collection that scribbles over freed native memory runs
     * between its forward and backward pass: no term may leave a host-memory scalar or index under
     * the graph (DJL 0.33 frees those of {@code mul(Number)} and the like; three terms had it). One
     * term at a time, so that none hides under a larger one. The tolerance is float32 summation order
     * only (a few hundred terms per gradient entry: 1e-4 of the largest entry); the failure it guards
     * against gives NaN, zero or scaled gradients.
     */
    @Test
    void everyTermsGradientSurvivesAGarbageCollection() {
        TransferInputs in = inputs();
        TransferConfig none = config().toBuilder().contentWeight(0).styleWeight(0).tvWeight(0).rangeWeight(0)
                .laplacianWeight(0).build();
        Map<String, TransferConfig> terms = Map.of(
                "content", none.toBuilder().contentWeight(1).build(),
                "style", none.toBuilder().styleWeight(1).build(),
                "tv", none.toBuilder().tvWeight(1).build(),
                "range", none.toBuilder().rangeWeight(1).build(),
                "photorealism", none.toBuilder().laplacianWeight(1e4).build());
        for (Map.Entry<String, TransferConfig> t : terms.entrySet()) {
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                    PreparedTransfer p = PreparedTransfer.prepare(in, t.getValue(), vgg, m);
                    TransferObjective objective = new TransferObjective(p, vgg, t.getValue());
                    ImageLoss loss = new ImageLoss(p, vgg, t.getValue(), objective.content(), List.of())) {
                float[] plain = gradient(loss, objective.content(), false);
                float[] collected = gradient(loss, objective.content(), true);
                double max = 0;
                for (float v : plain) max = Math.max(max, Math.abs(v));
                assertTrue(max > 0 && Double.isFinite(max), t.getKey() + ": the test needs a finite non-zero gradient");
                for (int i = 0; i < plain.length; i++) {
                    assertEquals(plain[i], collected[i], 1e-4 * max, t.getKey() + ": gradient entry " + i);
                }
            }
        }
    }

    private static float[] gradient(ImageLoss loss, ai.djl.ndarray.NDArray content, boolean collect) {
        try (ai.djl.ndarray.NDManager it = content.getManager().newSubManager()) {
            // Off the content, some of it outside [0, 1], so that every term has a gradient.
            ai.djl.ndarray.NDArray x = content.mul(2f).sub(0.5f);
            x.attach(it);
            return dev.photostyle.testing.NativeScribble.gradient(x, v -> loss.compute(v, new java.util.HashMap<>()), collect);
        }
    }

    @Test
    void masksWithNoCommonLabelAreAnError() {
        TransferInputs in = inputs();
        int[] other = new int[W * H];
        java.util.Arrays.fill(other, 7);
        TransferInputs bad = new TransferInputs(in.content(), in.style(), in.contentMask(),
                LabelMap.of(W, H, other, Map.of()), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StyleTransfer(vgg).run(bad, config(), IterationListener.NONE));
        assertTrue(e.getMessage().contains("share no label"), e.getMessage());
    }

    @Test
    void zeroIterationsReturnsTheScoredStart() {
        TransferResult r = new StyleTransfer(vgg).run(inputs(), config().toBuilder().iterations(0).build(),
                IterationListener.NONE);
        assertEquals(1, r.history().size());
        assertEquals(0, r.bestIteration());
    }
}
