package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.testing.TestWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GramStyleDistanceTest {
    private static VggFeatureExtractor vgg;

    @BeforeAll
    static void load() {
        vgg = VggFeatureExtractor.load(VggWeights.from(TestWeights.upTo("conv3_1", 7)), Device.cpu());
    }

    @AfterAll
    static void close() {
        vgg.close();
    }

    private static LabelMap halves(int w, int h, int right) {
        int[] l = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) l[y * w + x] = x < w / 2 ? 0 : right;
        return LabelMap.of(w, h, l, Map.of(0, "sky", 1, "ground", 2, "tree"));
    }

    @Test
    void styleMeasuredAgainstItselfIsZero() {
        FloatImage style = TestImages.random(48, 40, 1);
        LabelMap m = halves(48, 40, 1);
        StyleDistance d = new GramStyleDistance(vgg).measure(style, m, style, m);
        assertEquals(6, d.terms().size()); // 2 regions x 3 layers
        assertEquals(0.0, d.mean(), 1e-12);
        StyleDistance whole = new GramStyleDistance(vgg).measure(style, null, style, null);
        assertEquals(0.0, whole.mean(), 1e-12);
    }

    @Test
    void anotherImageIsFartherAndOnlyMatchedRegionsCount() {
        FloatImage style = TestImages.random(48, 40, 1);
        FloatImage result = TestImages.smooth(40, 32);
        GramStyleDistance g = new GramStyleDistance(vgg);
        StyleDistance d = g.measure(result, halves(40, 32, 2), style, halves(48, 40, 1));
        assertTrue(d.mean() > 0.01, "distance " + d.mean());
        assertEquals(3, d.terms().size()); // label 2 is an orphan, only label 0 is matched
        for (StyleDistance.Term t : d.terms()) assertEquals(0, t.label());
        StyleDistance none = g.measure(result, LabelMap.uniform(40, 32, 5, "x"), style, LabelMap.uniform(48, 40, 6, "y"));
        assertTrue(Double.isNaN(none.mean()));
        assertNull(none.meanOrNull());
    }

    @Test
    void defaultLayersAreTheStyleLayersTheWeightsHave() {
        assertEquals(List.of("relu1_1", "relu2_1", "relu3_1"), new GramStyleDistance(vgg).layers());
        assertEquals(List.of("relu1_1", "relu2_1", "relu3_1", "relu4_1"),
                GramStyleDistance.defaultLayers(VggWeights.from(TestWeights.upTo("conv4_1", 1))));
        assertEquals(List.of("relu1_1"), GramStyleDistance.defaultLayers(VggWeights.from(TestWeights.upTo("conv1_2", 1))));
        // an explicit list still wins
        assertEquals(List.of("relu2_1"), new GramStyleDistance(vgg, List.of("relu2_1")).layers());
    }

    @Test
    void relativeErrorMatchesPlainFormula() {
        float[] g = {1, 2, 3, 4, 9, 9};
        float[] t = {1, 1, 1, 2, 9, 9};
        // over the first four: |g-t|^2 = 0+1+4+4 = 9, |t|^2 = 1+1+1+4 = 7
        assertEquals(9.0 / 7.0, GramStyleDistance.relativeError(g, t, 0, 4), 1e-12);
        assertEquals(0.0, GramStyleDistance.relativeError(g, t, 4, 2), 0);
        assertEquals(0.0, GramStyleDistance.relativeError(new float[2], new float[2], 0, 2), 0);
    }
}
