package dev.photostyle.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.mask.LayerMasks;
import dev.photostyle.testing.GradientCheck;

import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks and plain-Java value checks of every loss. */
class LossGradientTest {
    private NDManager m;
    private final Random rnd = new Random(7);

    @BeforeEach
    void setUp() { m = NDManager.newBaseManager(); }

    @AfterEach
    void tearDown() { m.close(); }

    private NDArray random(long... shape) {
        int n = 1;
        for (long s : shape) n *= (int) s;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextGaussian();
        return m.create(d, new Shape(shape));
    }

    private float[] plane(int n, boolean binary) {
        float[] p = new float[n];
        for (int i = 0; i < n; i++) p[i] = binary ? (rnd.nextBoolean() ? 1f : 0f) : rnd.nextFloat();
        return p;
    }

    @Test
    void contentLossGradientAndValue() {
        NDArray target = random(1, 3, 4, 5);
        ContentLoss loss = new ContentLoss(target);
        NDArray x = random(1, 3, 4, 5);
        double[] t = target.toDoubleArray();
        double[] v = x.toDoubleArray();
        double num = 0;
        double den = 0;
        for (int i = 0; i < t.length; i++) {
            num += (v[i] - t[i]) * (v[i] - t[i]);
            den += t[i] * t[i];
        }
        assertEquals(num / den, loss.compute(x).toDoubleArray()[0], 1e-5 * num / den);
        GradientCheck.check(x, loss::compute, 1e-4);
    }

    @Test
    void maskedGramLossGradient() {
        int c = 3;
        int h = 4;
        int w = 5;
        NDArray style = random(1, c, 6, 5);
        LayerMasks sm = new LayerMasks(5, 6, new float[][] {plane(30, true), plane(30, false)});
        LayerMasks cm = new LayerMasks(w, h, new float[][] {plane(20, true), plane(20, false)});
        MaskedGramStyleLoss loss = new MaskedGramStyleLoss(style.toType(DataType.FLOAT32, false), sm, cm, m);
        NDArray x = random(1, c, h, w);
        GradientCheck.check(x, loss::compute, 1e-3);
    }

    @Test
    void maskedGramMatchesPlainReference() {
        int c = 2;
        int h = 3;
        int w = 3;
        NDArray f = random(1, c, h, w);
        float[] mask = plane(h * w, false);
        NDArray g = MaskedGramStyleLoss.gram(f, new LayerMasks(w, h, new float[][] {mask}));
        double[] fd = f.toDoubleArray();
        double area = 0;
        for (float v : mask) area += v;
        area /= h * w;
        double[] gd = g.toDoubleArray();
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                double s = 0;
                for (int i = 0; i < h * w; i++) s += fd[a * h * w + i] * mask[i] * fd[b * h * w + i] * mask[i];
                assertEquals(s / (c * h * w * area), gd[a * c + b], 1e-6);
            }
        }
    }

    @Test
    void gramLossIsZeroAtTheTargetAndScaleFree() {
        NDArray style = random(1, 4, 5, 5).toType(DataType.FLOAT32, false);
        LayerMasks all = new LayerMasks(5, 5, new float[][] {filled(25)});
        MaskedGramStyleLoss loss = new MaskedGramStyleLoss(style, all, all, m);
        assertEquals(0.0, loss.compute(style).getFloat(), 1e-6);
        // Scaling both style and current features by 1000 leaves the relative loss unchanged.
        NDArray other = random(1, 4, 5, 5).toType(DataType.FLOAT32, false);
        float small = loss.compute(other).getFloat();
        MaskedGramStyleLoss big = new MaskedGramStyleLoss(style.mul(1000), all, all, m);
        assertEquals(small, big.compute(other.mul(1000)).getFloat(), 1e-3 * small);
    }

    private static float[] filled(int n) {
        float[] p = new float[n];
        java.util.Arrays.fill(p, 1f);
        return p;
    }

    @Test
    void totalVariationGradientAndValue() {
        NDArray x = random(1, 2, 3, 4);
        GradientCheck.check(x, TotalVariationLoss::compute, 1e-4);
        double[] d = x.toDoubleArray();
        double dy = 0;
        double dx = 0;
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int xx = 0; xx < 4; xx++) {
                    int i = (c * 3 + y) * 4 + xx;
                    if (y < 2) dy += Math.pow(d[i + 4] - d[i], 2);
                    if (xx < 3) dx += Math.pow(d[i + 1] - d[i], 2);
                }
            }
        }
        assertEquals(dy / (2 * 2 * 4) + dx / (2 * 3 * 3), TotalVariationLoss.compute(x).toDoubleArray()[0], 1e-9);
    }

    /**
     * The host TV against the engine-op formulation it replaced (slices, differences, squares,
     * means in float32), value and gradient. Bounds: the old float32 value is a sum of M squares
     * rounded at each of ~M additions and 3 ops per term, |err| <= (M + 3) u Σ d² / M per mean; each
     * old gradient element sums at most 4 terms 2 d / M, each off by <= 3u relatively, plus 3 sums;
     * the new one is exact in double, then rounded once (u |g|).
     */
    @Test
    void totalVariationEqualsTheEngineOpFormulation() {
        int c = 3;
        int h = 9;
        int w = 11;
        float[] data = new float[c * h * w];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextFloat();
        NDArray a = m.create(data, new Shape(1, c, h, w));
        NDArray b = m.create(data, new Shape(1, c, h, w));
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        float oldValue;
        float newValue;
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray dy = a.get(":, :, 1:, :").sub(a.get(":, :, :-1, :"));
            NDArray dx = a.get(":, :, :, 1:").sub(a.get(":, :, :, :-1"));
            NDArray old = dy.square().mean().add(dx.square().mean());
            oldValue = old.getFloat();
            gc.backward(old);
        }
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray tv = TotalVariationLoss.compute(b);
            assertEquals(DataType.FLOAT32, tv.getDataType());
            newValue = tv.getFloat();
            gc.backward(tv);
        }
        double u = Math.ulp(1.0f) / 2;
        int terms = c * (h - 1) * w + c * h * (w - 1);
        assertEquals(oldValue, newValue, (terms + 4) * u * newValue);
        float[] gOld = a.getGradient().toFloatArray();
        float[] gNew = b.getGradient().toFloatArray();
        for (int i = 0; i < data.length; i++) {
            int y = (i / w) % h;
            int x = i % w;
            double mass = 0; // Σ |2 d / M| over this pixel's neighbours
            if (y > 0) mass += Math.abs(2 * (data[i] - data[i - w]) / (c * (h - 1) * w));
            if (y + 1 < h) mass += Math.abs(2 * (data[i + w] - data[i]) / (c * (h - 1) * w));
            if (x > 0) mass += Math.abs(2 * (data[i] - data[i - 1]) / (c * h * (w - 1)));
            if (x + 1 < w) mass += Math.abs(2 * (data[i + 1] - data[i]) / (c * h * (w - 1)));
            assertEquals(gOld[i], gNew[i], 7 * u * mass + u * Math.abs(gNew[i]), "element " + i);
        }
    }

    /**
     * One instance keeps its host arrays between calls: its results, through calls on other sizes
     * and a second call before the first one's backward pass, equal a fresh instance's exactly.
     */
    @Test
    void aReusedTotalVariationEqualsFreshOnes() {
        TotalVariationLoss reused = new TotalVariationLoss();
        long[][] shapes = {{1, 3, 6, 7}, {1, 3, 4, 9}, {1, 3, 6, 7}};
        NDArray[] xs = new NDArray[shapes.length];
        NDArray[] values = new NDArray[shapes.length];
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (int k = 0; k < shapes.length; k++) {
                xs[k] = random(shapes[k]).toType(DataType.FLOAT32, false);
                xs[k].setRequiresGradient(true);
                values[k] = reused.apply(xs[k]);
                total = total == null ? values[k] : total.add(values[k]);
            }
            gc.backward(total); // every backward pass after every call
        }
        for (int k = 0; k < shapes.length; k++) {
            NDArray y = xs[k].stopGradient().duplicate();
            y.setRequiresGradient(true);
            float want;
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray v = TotalVariationLoss.compute(y);
                want = v.getFloat();
                gc.backward(v);
            }
            assertEquals(want, values[k].getFloat(), 0f, "value " + k);
            float[] g = y.getGradient().toFloatArray();
            float[] got = xs[k].getGradient().toFloatArray();
            for (int i = 0; i < g.length; i++) assertEquals(g[i], got[i], 0f, "gradient " + k + " element " + i);
        }
    }

    /** The clamp form against the two-sided max form it replaced: the same values and gradient, exactly. */
    @Test
    void rangePenaltyEqualsTheMaxFormulation() {
        float[] data = new float[200];
        for (int i = 0; i < data.length; i++) data[i] = (float) (3 * rnd.nextGaussian());
        data[0] = 0f;
        data[1] = 1f;
        NDArray a = m.create(data, new Shape(1, 2, 10, 10));
        NDArray b = m.create(data, new Shape(1, 2, 10, 10));
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        float oldValue;
        float newValue;
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray old = a.sub(1f).maximum(0f).square().add(a.neg().add(0f).maximum(0f).square()).mean();
            oldValue = old.getFloat();
            gc.backward(old);
        }
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray r = RangePenalty.compute(b, 0f, 1f);
            newValue = r.getFloat();
            gc.backward(r);
        }
        assertEquals(oldValue, newValue, 0f);
        float[] gOld = a.getGradient().toFloatArray();
        float[] gNew = b.getGradient().toFloatArray();
        for (int i = 0; i < data.length; i++) assertEquals(gOld[i], gNew[i], 0f, "element " + i);
    }

    @Test
    void rangePenaltyGradientAndZeroInside() {
        NDArray x = random(1, 1, 3, 3).mul(2); // many values outside [0, 1]
        GradientCheck.check(x, v -> RangePenalty.compute(v, 0f, 1f), 1e-4);
        NDArray inside = m.create(new double[] {0, 0.5, 1}, new Shape(1, 1, 1, 3));
        assertEquals(0.0, RangePenalty.compute(inside, 0f, 1f).toDoubleArray()[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> RangePenalty.compute(inside, 1f, 0f));
    }

    @Test
    void contentLossRejectsMismatchedShapes() {
        ContentLoss loss = new ContentLoss(random(1, 3, 4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.compute(random(1, 3, 5, 4)));
        assertEquals(true, e.getMessage().contains("do not match"));
    }
}
