package dev.photostyle.matting.upsample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.matting.affine.SyntheticImages;
import dev.photostyle.matting.filter.GuidedFilter;
import org.junit.jupiter.api.Test;

class GuidedUpsamplingTest {
    private static final GuidedUpsampling UP = new GuidedUpsampling(GuidedUpsampling.Config.DEFAULT);

    @Test
    void globalAffineMapIsReproducedAtFullResolution() {
        FloatImage full = SyntheticImages.scene(150, 100, 1);
        FloatImage small = Resampler.resize(full, 48, 32);
        FloatImage smallResult = SyntheticImages.affine(small, SyntheticImages.M, SyntheticImages.T);
        FloatImage out = UP.upsample(small, smallResult, full);
        assertEquals(150, out.width());
        assertEquals(100, out.height());
        double d = SyntheticImages.maxDiff(out, SyntheticImages.affine(full, SyntheticImages.M, SyntheticImages.T));
        assertTrue(d < 1e-3, "max diff " + d);
    }

    @Test
    void sameSizeEqualsTheGuidedFilter() {
        FloatImage c = SyntheticImages.scene(40, 30, 2);
        FloatImage r = SyntheticImages.scene(40, 30, 3);
        FloatImage out = UP.upsample(c, r, c);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = Tensors.toTensor(c, m).toType(DataType.FLOAT64, false);
            NDArray p = Tensors.toTensor(r, m).toType(DataType.FLOAT64, false);
            NDArray q = new GuidedFilter(2, 1e-7).filter(g, p);
            assertArrayEquals(Tensors.toImage(q).toArray(), out.toArray(), 1e-4f);
        }
    }

    @Test
    void keepsTheResultsChannelCount() {
        FloatImage c = SyntheticImages.scene(20, 16, 4);
        FloatImage gray = FloatImage.filled(10, 8, 1, 0.5f);
        FloatImage out = UP.upsample(Resampler.resize(c, 10, 8), gray, c);
        assertEquals(1, out.channels());
        for (float v : out.toArray()) assertEquals(0.5f, v, 1e-4f);
    }

    @Test
    void rejectsMismatchedSizes() {
        FloatImage c = SyntheticImages.scene(20, 16, 5);
        assertThrows(IllegalArgumentException.class, () -> UP.upsample(c, Resampler.resize(c, 10, 8), c));
        assertThrows(IllegalArgumentException.class, () -> new GuidedUpsampling.Config(1, 0));
    }
}
