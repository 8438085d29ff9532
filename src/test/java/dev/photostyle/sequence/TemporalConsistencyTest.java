package dev.photostyle.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.flow.DenseFlow;
import dev.photostyle.io.image.FloatImage;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The warping error's gain and its excess beyond the gain, on SyntheticSequenceTest's moving texture. */
class TemporalConsistencyTest {
    /** {@code a·x + b} per channel: a fixed affine colour map of the frame. */
    private static FloatImage affine(FloatImage f, float a, float b) {
        float[] d = f.toArray();
        for (int i = 0; i < d.length; i++) d[i] = a * d[i] + b;
        return FloatImage.wrap(f.width(), f.height(), 3, d);
    }

    @Test
    void aFixedContrastMapScalesTheWarpingErrorByItsGainAndHasNoExcess() {
        FloatImage c0 = SyntheticSequenceTest.frame(0), c1 = SyntheticSequenceTest.frame(1);
        // contrast x1.2 around mid grey (the texture spans about 0.1 .. 0.9, so the map stays inside [0, 1])
        float a = 1.2f, b = 0.5f * (1 - a);
        TemporalConsistency.Pair p = TemporalConsistency.pair(c1, c0, affine(c1, a, b), affine(c0, a, b), DenseFlow.medium());
        assertTrue(p.content() > 0);
        // bilinear warping is linear and keeps constants: the result's error is a times the content's, exactly
        assertEquals(a * p.content(), p.result(), 1e-6 * p.result());
        // and the local fits recover the map (up to their tiny ridge and float rounding)
        assertEquals(a, p.gain(), 1e-3);
        assertEquals(1.0, p.excess(), 1e-3);
        // a map that mixes channels: its gain on the residual depends on the residual's colour direction, and
        // the local fits still explain the whole warping error
        float[][] m = {{1.4f, 0.3f, -0.2f}, {0f, 0.6f, 0.1f}, {0.2f, -0.3f, 1.8f}};
        TemporalConsistency.Pair q = TemporalConsistency.pair(c1, c0, mix(c1, m), mix(c0, m), DenseFlow.medium());
        assertTrue(Math.abs(q.result() / q.content() - 1) > 0.1, "the plain ratio moves: " + q.result() / q.content());
        assertEquals(1.0, q.excess(), 1e-3);
    }

    /** {@code M x + 0.05} per pixel. */
    private static FloatImage mix(FloatImage f, float[][] m) {
        int n = f.pixels();
        float[] d = f.toArray(), o = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) o[r * n + i] = m[r][0] * d[i] + m[r][1] * d[n + i] + m[r][2] * d[2 * n + i] + 0.05f;
        }
        return FloatImage.wrap(f.width(), f.height(), 3, o);
    }

    @Test
    void frameToFrameChangesBeyondTheContrastShowAsExcess() {
        FloatImage c0 = SyntheticSequenceTest.frame(0), c1 = SyntheticSequenceTest.frame(1);
        Random rnd = new Random(4);
        float[] r1 = c1.toArray();
        for (int i = 0; i < r1.length; i++) r1[i] += 0.02f * (rnd.nextFloat() - 0.5f); // per-frame jitter: flicker
        TemporalConsistency.Pair p = TemporalConsistency.pair(c1, c0, FloatImage.wrap(c1.width(), c1.height(), 3, r1), c0,
                DenseFlow.medium());
        assertTrue(p.excess() > 1.2, "jitter is flicker: excess " + p.excess() + ", gain " + p.gain());
        // and the pooled figures agree with the one pair's
        var pairs = java.util.List.of(p);
        assertEquals(p.excess(), TemporalConsistency.meanExcess(pairs), 1e-12);
        assertEquals(p.gain(), TemporalConsistency.meanGain(pairs), 1e-12);
    }
}
