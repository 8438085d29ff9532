package dev.photostyle.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowTest {
    static final int W = 128;
    static final int H = 96;
    static final int DX = 3;
    static final int DY = 2;

    /** A smooth, textured RGB pattern sampled at (x - ox, y - oy). */
    static FloatImage pattern(double ox, double oy) {
        int n = W * H;
        float[] d = new float[3 * n];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = x - ox, v = y - oy;
                double p = 0.5 + 0.18 * Math.sin(0.31 * u + 0.17 * v) + 0.14 * Math.sin(0.13 * u - 0.29 * v + 1)
                        + 0.1 * Math.sin(0.47 * u + 0.41 * v + 2) + 0.08 * Math.cos(0.07 * u * 0.9 + 0.05 * v * v * 0.02);
                for (int c = 0; c < 3; c++) d[c * n + y * W + x] = (float) (p * (0.8 + 0.1 * c));
            }
        }
        return FloatImage.wrap(W, H, 3, d);
    }

    static FloatImage constantFlow(double u, double v) {
        float[] d = new float[2 * W * H];
        Arrays.fill(d, 0, W * H, (float) u);
        Arrays.fill(d, W * H, 2 * W * H, (float) v);
        return FloatImage.wrap(W, H, 2, d);
    }

    /** Frame t-1 and frame t, whose content moved by (DX, DY). */
    static final FloatImage PREV = pattern(0, 0);
    static final FloatImage CUR = pattern(DX, DY);

    @Test
    void disRecoversAKnownTranslationInTheInterior() {
        // flow of PREV onto CUR: PREV(x) = CUR(x + f(x)) with f = (DX, DY)
        FloatImage f = DenseFlow.medium().compute(PREV, CUR);
        assertEquals(2, f.channels());
        int margin = 16;
        double[] err = new double[(W - 2 * margin) * (H - 2 * margin)];
        int k = 0;
        for (int y = margin; y < H - margin; y++) {
            for (int x = margin; x < W - margin; x++) {
                err[k++] = Math.hypot(f.get(0, x, y) - DX, f.get(1, x, y) - DY);
            }
        }
        Arrays.sort(err);
        double median = err[err.length / 2];
        assertTrue(median < 0.5, "median end-point error " + median + " px");

        // and the warping error of CUR warped back onto PREV by that flow is near 0 where reliable
        FloatImage back = DenseFlow.medium().compute(CUR, PREV);
        FloatImage mask = FlowReliability.mask(f, back, false);
        double e = WarpingError.of(PREV, CUR, f, mask);
        assertTrue(e < 0.01, "warping error " + e);
        double unwarped = WarpingError.of(PREV, CUR, constantFlow(0, 0), null);
        assertTrue(unwarped > 10 * e, "warping helps: " + unwarped + " vs " + e);
    }

    @Test
    void exactFlowGivesZeroWarpingErrorAndMarksTheBorderStrip() {
        FloatImage fwd = constantFlow(DX, DY);     // PREV -> CUR
        FloatImage bwd = constantFlow(-DX, -DY);   // CUR -> PREV
        FloatImage mask = FlowReliability.mask(fwd, bwd, true);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean leaves = x + DX > W - 1 || y + DY > H - 1;
                assertEquals(leaves ? 0f : 1f, mask.get(0, x, y), "pixel " + x + "," + y);
            }
        }
        assertEquals(0.0, WarpingError.of(PREV, CUR, fwd, mask), 1e-6);
        // an inconsistent backward flow (zero) makes every moving pixel unreliable
        FloatImage none = FlowReliability.mask(fwd, constantFlow(0, 0), false);
        for (float v : none.toArray()) assertEquals(0f, v);
    }

    @Test
    void motionBoundariesAreMarked() {
        float[] d = new float[2 * W * H];
        for (int y = 0; y < H; y++) for (int x = W / 2; x < W; x++) d[y * W + x] = 2f; // u jumps at W/2
        FloatImage f = FloatImage.wrap(W, H, 2, d);
        float[] b = d.clone();
        for (int i = 0; i < W * H; i++) b[i] = -b[i];
        FloatImage bwd = FloatImage.wrap(W, H, 2, b);
        FloatImage withMb = FlowReliability.mask(f, bwd, true);
        FloatImage without = FlowReliability.mask(f, bwd, false);
        assertEquals(0f, withMb.get(0, W / 2, H / 2));
        assertEquals(1f, withMb.get(0, W / 4, H / 2));
        assertEquals(1f, without.get(0, W / 2 - 1, H / 2));
        assertEquals(0f, withMb.get(0, W / 2 - 1, H / 2));
    }

    @Test
    void zeroFlowWarpIsTheIdentity() {
        assertArrayEquals(PREV.toArray(), Warp.backward(PREV, constantFlow(0, 0)).toArray(), 0f);
    }

    @Test
    void integerFlowShiftsExactly() {
        FloatImage warped = Warp.backward(CUR, constantFlow(DX, DY));
        for (int y = 0; y < H - DY; y++) {
            for (int x = 0; x < W - DX; x++) {
                assertEquals(PREV.get(1, x, y), warped.get(1, x, y), 1e-6f);
            }
        }
    }

    @Test
    void bilinearWarpMatchesAPlainReference() {
        Random r = new Random(9);
        int w = 7, h = 5, n = w * h;
        float[] img = new float[2 * n];
        for (int i = 0; i < img.length; i++) img[i] = r.nextFloat();
        float[] fl = new float[2 * n];
        for (int i = 0; i < fl.length; i++) fl[i] = (float) (r.nextDouble() * 6 - 3);
        FloatImage out = Warp.backward(FloatImage.wrap(w, h, 2, img), FloatImage.wrap(w, h, 2, fl));
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sx = Math.min(w - 1, Math.max(0, x + fl[y * w + x]));
                    double sy = Math.min(h - 1, Math.max(0, y + fl[n + y * w + x]));
                    int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                    double ref = 0;
                    for (int yy = y0; yy <= Math.min(y0 + 1, h - 1); yy++) {
                        for (int xx = x0; xx <= Math.min(x0 + 1, w - 1); xx++) {
                            double wx = 1 - Math.abs(sx - xx), wy = 1 - Math.abs(sy - yy);
                            ref += wx * wy * img[c * n + yy * w + xx];
                        }
                    }
                    assertEquals(ref, out.get(c, x, y), 1e-5, "c" + c + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        FloatImage small = FloatImage.filled(4, 4, 3, 0);
        assertThrows(IllegalArgumentException.class, () -> Warp.backward(small, constantFlow(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> Warp.backward(PREV, PREV));
        assertThrows(IllegalArgumentException.class, () -> DenseFlow.medium().compute(small, PREV));
    }
}
