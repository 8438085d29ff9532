package dev.photostyle.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The tabulated colour curves against the exact ones (ColourTransform.Scalar). */
class CurveTableTest {
    /** Random floats over [2^-26, 2^9] (log-uniform), plus dense sweeps across every joint of the curves. */
    private static float[] samples() {
        Random rnd = new Random(3);
        float[] joints = {0.0031308f, 0.04045f, 0.8f, 1f, 16f, 0.0729055f, 0.155251141552511f};
        float[] v = new float[200_000 + joints.length * 2001];
        int k = 0;
        for (int i = 0; i < 200_000; i++) v[k++] = (float) Math.pow(2, -26 + 35 * rnd.nextDouble());
        for (float j : joints) for (int d = -1000; d <= 1000; d++) v[k++] = j * (1 + d * 1e-6f);
        return v;
    }

    /** Relative error; an infinite exact value must come back as the same infinity. */
    private static double error(double want, double got) {
        if (!Double.isFinite(want)) return want == got ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(got - want) / Math.max(Math.abs(want), 1e-30);
    }

    @Test
    void withinOneTenMillionthOfTheExactCurvesForEverySpace() {
        for (ColourTransform t : new ColourTransform[] {ColourTransform.defaults(InputColourSpace.LINEAR),
                ColourTransform.defaults(InputColourSpace.LINEAR).withExposure(-1.5),
                ColourTransform.defaults(InputColourSpace.SRGB).withExposure(0.7),
                ColourTransform.defaults(InputColourSpace.LOG)}) {
            ColourTransform.Scalar s = t.scalar();
            ColourTransform.Tabulated tab = t.tabulated();
            double worst = 0;
            for (float v : samples()) {
                double want = s.toNetwork(v), got = tab.toNetwork().apply(v);
                worst = Math.max(worst, error(want, got));
                double back = s.fromNetwork(v), gotBack = tab.fromNetwork().apply(v);
                worst = Math.max(worst, error(back, gotBack));
            }
            assertTrue(worst <= 1e-7, t + ": worst relative error " + worst);
            // outside the table: the exact curve, bit for bit
            // and at 1, where every clipped network value lands (the table's last node there)
            for (float v : new float[] {0f, -0.3f, -5f, 300f, 1e-9f, 1f}) {
                assertEquals(s.toNetwork(v), tab.toNetwork().apply(v), 0.0, t + " at " + v);
                assertEquals(s.fromNetwork(v), tab.fromNetwork().apply(v), 0.0, t + " back at " + v);
            }
        }
    }
}
