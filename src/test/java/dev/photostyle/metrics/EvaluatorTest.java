package dev.photostyle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.testing.SharedData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    private static final int W = 32, H = 24;

    /** Left half label 0, right half label 1. */
    private static LabelMap halves(int w, int h, int right) {
        int[] l = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) l[y * w + x] = x < w / 2 ? 0 : right;
        return LabelMap.of(w, h, l, Map.of(0, "sky", 1, "ground"));
    }

    @Test
    void resultEqualToContentIsPerfectOnStructureAndLeaksNothing() {
        FloatImage content = TestImages.smooth(W, H);
        FloatImage style = TestImages.random(20, 16, 1);
        EvalResult r = Evaluator.builder(content, style, content).build().evaluate();
        assertEquals(1.0, r.ssim(), 1e-12);
        assertEquals(1.0, r.edgeSsim(), 1e-12);
        assertTrue(r.photorealism() < 1e-9);
        assertNull(r.styleDistance());
        assertNull(r.leakageMean()); // no masks, no extra pixels: nothing protected
        assertFalse(r.resampled());
        assertEquals(W, r.width());
        assertTrue(r.regions().isEmpty());
        double expectColour = ColourStatistics.of(content, null).w2Distance(ColourStatistics.of(style, null));
        assertEquals(expectColour, r.colourDistance(), 1e-9);
    }

    @Test
    void splitSkyRaisesTheRegionMetricsOfItsRegionOnly() {
        FloatImage sky = RegionDefects.sky();
        int w = RegionDefects.W, h = RegionDefects.H;
        boolean[] top = RegionDefects.topRows(h / 2);
        int[] l = new int[w * h];
        for (int i = 0; i < l.length; i++) l[i] = top[i] ? 0 : 1;
        LabelMap cm = LabelMap.of(w, h, l, Map.of(0, "sky", 1, "ground"));
        LabelMap sm = LabelMap.uniform(20, 16, 0, "sky");
        FloatImage style = TestImages.random(20, 16, 3);
        FloatImage oneMap = TestImages.affine(sky, RegionDefects.ANISOTROPIC, RegionDefects.NAVY);
        FloatImage split = RegionDefects.select(top, RegionDefects.split(sky, RegionDefects.NAVY, RegionDefects.LILAC), sky);
        EvalResult good = Evaluator.builder(sky, style, RegionDefects.select(top, oneMap, sky)).masks(cm, sm).build().evaluate();
        EvalResult bad = Evaluator.builder(sky, style, split).masks(cm, sm).build().evaluate();
        assertTrue(good.spuriousEdges() < 1e-6 && good.regionConsistency() < 1e-6);
        assertTrue(bad.spuriousEdges() > 1 && bad.regionConsistency() > 0.05);
        // Only the matched sky is measured: the means are its values; the orphan ground has none.
        assertEquals(bad.regions().get(0).spuriousEdges(), bad.spuriousEdges(), 0);
        assertEquals(bad.regions().get(0).regionConsistency(), bad.regionConsistency(), 0);
        assertNull(bad.regions().get(1).spuriousEdges());
        assertNull(bad.regions().get(1).regionConsistency());
        assertEquals(bad.spuriousEdges(), Metric.SPURIOUS_EDGES.value(bad));
        // Without masks the whole image is one region, and the round trip through JSON keeps both.
        EvalResult whole = Evaluator.builder(sky, style, split).build().evaluate();
        assertTrue(whole.spuriousEdges() > 1);
        EvalResult back = assertDoesNotThrowJson(whole);
        assertEquals(whole.spuriousEdges(), back.spuriousEdges());
        assertEquals(whole.regionConsistency(), back.regionConsistency());
    }

    private static EvalResult assertDoesNotThrowJson(EvalResult r) {
        try {
            return EvalResult.fromJson(r.toJson());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void masksGiveRegionsOrphansAndProtectedPixels() {
        FloatImage content = TestImages.smooth(W, H);
        FloatImage style = TestImages.random(20, 16, 2);
        // Brighten only the matched (left) half by one level: the orphan (right) half stays put.
        float[] d = content.toArray();
        for (int c = 0; c < 3; c++) for (int y = 0; y < H; y++) for (int x = 0; x < W / 2; x++) d[(c * H + y) * W + x] += 1 / 255f;
        FloatImage result = FloatImage.wrap(W, H, 3, d);
        LabelMap cm = halves(W, H, 1);
        LabelMap sm = LabelMap.uniform(20, 16, 0, "sky");
        EvalResult r = Evaluator.builder(content, style, result).masks(cm, sm).build().evaluate();
        assertEquals(2, r.regions().size());
        EvalResult.Region sky = r.regions().get(0), ground = r.regions().get(1);
        assertEquals("sky", sky.name());
        assertEquals(EvalResult.Region.MATCHED, sky.status());
        assertEquals(EvalResult.Region.ORPHAN, ground.status());
        assertNull(ground.colourDistance());
        assertEquals(W * H / 2, sky.contentPixels());
        assertEquals(320, sky.stylePixels());
        assertEquals(sky.colourDistance(), r.colourDistance(), 1e-12); // only one matched region
        assertEquals(W * H / 2, r.protectedPixels());
        assertEquals(0.0, r.leakageMean(), 0);
        assertEquals(0, r.leakageMax());

        boolean[] extra = new boolean[W * H];
        extra[0] = true; // a pixel of the changed half
        EvalResult r2 = Evaluator.builder(content, style, result).masks(cm, sm).extraProtected(extra).build().evaluate();
        assertEquals(W * H / 2 + 1, r2.protectedPixels());
        assertEquals(1, r2.leakageMax());
        EvalResult r3 = Evaluator.builder(content, style, result).masks(cm, sm).protectUnpaired(false)
                .extraProtected(extra).build().evaluate();
        assertEquals(1, r3.protectedPixels());
        assertEquals(1.0, r3.leakageMean(), 1e-12);
    }

    @Test
    void resultOfAnotherSizeIsResampledAndRecorded() {
        FloatImage content = TestImages.smooth(W, H);
        FloatImage big = Resampler.resize(content, 2 * W, 2 * H);
        EvalResult r = Evaluator.builder(content, content, big).build().evaluate();
        assertTrue(r.resampled());
        assertEquals(2 * W, r.resultWidth());
        assertEquals(W, r.width());
        assertTrue(r.ssim() > 0.95, "ssim " + r.ssim());
    }

    @Test
    void rejectsHalfGivenMasksAndWrongSizedProtectedPixels() {
        FloatImage c = TestImages.smooth(W, H);
        assertThrows(IllegalArgumentException.class, () -> Evaluator.builder(c, c, c).masks(halves(W, H, 1), null));
        assertThrows(IllegalArgumentException.class, () -> Evaluator.builder(c, c, c).extraProtected(new boolean[3]));
    }

    @Test
    void jsonRoundTripKeepsNullsAndSnakeCaseKeys(@TempDir Path dir) throws Exception {
        FloatImage content = TestImages.smooth(W, H);
        EvalResult r = Evaluator.builder(content, TestImages.random(8, 8, 3), TestImages.random(W, H, 4))
                .masks(halves(W, H, 1), LabelMap.uniform(8, 8, 1, "ground")).build().evaluate();
        String json = r.toJson();
        assertTrue(json.contains("\"style_distance\" : null"), json);
        assertTrue(json.contains("\"edge_ssim\""), json);
        assertTrue(json.contains("\"content_colour_distance\""), json);
        Path file = dir.resolve("metrics.json");
        r.withStyleDistance(1.5).writeJson(file);
        EvalResult back = EvalResult.readJson(file);
        assertEquals(1.5, back.styleDistance());
        assertEquals(r.withStyleDistance(1.5), back);
    }

    @Test
    void paperResultMovesColoursTowardsTheStyleAndKeepsStructure() throws Exception {
        Path dpst = SharedData.require("data/dpst");
        FloatImage content = ImageFiles.read(dpst.resolve("input/in1.png"));
        FloatImage style = ImageFiles.read(dpst.resolve("style/tar1.png"));
        FloatImage paper = ImageFiles.read(dpst.resolve("paper_results/best1_t_1000.png"));
        LabelMap cm = MaskFiles.read(dpst.resolve("segmentation/in1.png"));
        LabelMap sm = MaskFiles.read(dpst.resolve("segmentation/tar1.png"));
        long t0 = System.nanoTime();
        EvalResult r = Evaluator.builder(content, style, paper).masks(cm, sm).build().evaluate();
        System.out.printf("in1 vs paper (%dx%d): %.0f ms, ssim %.4f, edge_ssim %.4f, colour %.3f, photorealism %.3e%n",
                r.width(), r.height(), (System.nanoTime() - t0) / 1e6, r.ssim(), r.edgeSsim(), r.colourDistance(), r.photorealism());
        double before = 0, after = 0;
        for (EvalResult.Region g : r.regions()) {
            if (g.colourDistance() == null) continue;
            before += g.contentColourDistance() * g.contentPixels();
            after += g.colourDistance() * g.contentPixels();
        }
        assertTrue(after < before, "colour distance after " + after + " vs before " + before);
        assertTrue(r.ssim() > 0.3 && r.ssim() < 0.99, "ssim " + r.ssim());
    }
}
