package dev.photostyle.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.matting.affine.SyntheticImages;
import dev.photostyle.matting.laplacian.MattingLaplacian;
import dev.photostyle.matting.laplacian.StencilErrorBound;
import dev.photostyle.matting.laplacian.StencilLaplacian;
import dev.photostyle.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhotorealismTermTest {
    private static final double LAMBDA = 1e4;

    /** The previous evaluation, λ/N times the box-filter operator's float64 energy, within float32 rounding. */
    @Test
    void valueEqualsTheOperatorsScaledEnergy() {
        int w = 40;
        int h = 30;
        FloatImage content = SyntheticImages.scene(w, h, 5);
        FloatImage out = SyntheticImages.affine(content, new double[][] {{0.7, 0.2, 0}, {0, 0.9, 0.1}, {0.1, 0, 0.8}},
                new double[] {0.05, 0, 0.1});
        float[] v = out.toArray();
        Random rnd = new Random(2);
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.min(1, Math.max(0, v[i] + 0.01 * rnd.nextGaussian()));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray guide = Tensors.toTensor(content, m);
            NDArray seen = m.create(v, new Shape(1, 3, h, w));
            double scale = LAMBDA / (w * h);
            try (PhotorealismTerm term = new PhotorealismTerm(MattingLaplacian.DEFAULT, guide, LAMBDA);
                    MattingLaplacian.Operator op = MattingLaplacian.DEFAULT.prepare(guide);
                    StencilLaplacian s64 = StencilLaplacian.of(op, DataType.FLOAT64)) {
                assertEquals("photorealism", term.name());
                double old = op.energy(seen).getDouble() * scale;
                double[] bound = StencilErrorBound.product(s64.coefficients(m).toDoubleArray(), 2, v, h, w);
                double tol = scale * StencilErrorBound.energy(bound, v, s64.multiply(seen).toDoubleArray())
                        + 1e-6 * old; // the operator's own float64 accuracy (MattingLaplacianTest)
                assertEquals(old, term.compute(seen).getDouble(), tol);
            }
        }
    }

    @Test
    void gradientThroughTheClampMatchesFiniteDifferences() {
        int w = 9;
        int h = 8;
        FloatImage content = SyntheticImages.scene(w, h, 6);
        Random rnd = new Random(8);
        double[] x = new double[3 * w * h];
        for (int i = 0; i < x.length; i++) {
            x[i] = -0.1 + 1.2 * rnd.nextDouble(); // some pixels outside [0, 1]: clamped, zero gradient
            if (Math.abs(x[i]) < 1e-3 || Math.abs(x[i] - 1) < 1e-3) x[i] = 0.5; // away from the kinks
        }
        try (NDManager m = NDManager.newBaseManager();
                PhotorealismTerm term = new PhotorealismTerm(MattingLaplacian.DEFAULT, Tensors.toTensor(content, m), LAMBDA)) {
            GradientCheck.check(m.create(x, new Shape(1, 3, h, w)), t -> term.compute(t.clip(0, 1)), 1e-6);
        }
    }

    @Test
    void rejectsNegativeWeight() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray guide = m.zeros(new Shape(1, 3, 5, 5));
            assertThrows(IllegalArgumentException.class, () -> new PhotorealismTerm(MattingLaplacian.DEFAULT, guide, -1));
        }
    }
}
