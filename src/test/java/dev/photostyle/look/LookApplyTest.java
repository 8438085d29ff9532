package dev.photostyle.look;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.colour.RegionColourTransfer;
import dev.photostyle.grid.RegionWeights;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;
import dev.photostyle.lut.LutBlend;
import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.pipeline.ProtectedPixels;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookApplyTest {
    private static final int W = 24, H = 16;
    private static final double[][] WARM = {{1.1, 0, 0, 0.02}, {0, 1, 0, 0}, {0, 0.05, 0.85, -0.01}};
    private static final double[][] COOL = {{0.9, 0, 0, 0}, {0, 0.95, 0.05, 0.01}, {0, 0, 1.15, 0.03}};

    @TempDir
    Path dir;

    /** Linear plate with highlights above 1 and some negatives; alpha. */
    static FloatImage plate(long seed) {
        Random rnd = new Random(seed);
        float[] px = new float[4 * W * H];
        for (int i = 0; i < 3 * W * H; i++) px[i] = (float) (rnd.nextDouble() * 1.3 - 0.05);
        for (int i = 3 * W * H; i < px.length; i++) px[i] = rnd.nextFloat();
        return FloatImage.of(W, H, 4, px);
    }

    /** Left: label 0, right: label 1, a block of label 5 (not in the look). */
    static LabelMap mask() {
        int[] l = new int[W * H];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            l[y * W + x] = x < W / 2 ? 0 : 1;
            if (x >= 2 && x < 6 && y >= 2 && y < 6) l[y * W + x] = 5;
        }
        return LabelMap.of(W, H, l, Map.of());
    }

    static Look look(Lut3d a, Lut3d b) {
        return new Look(List.of(new Look.Region(0, "warm", a), new Look.Region(1, "cool", b)), Interpolation.TETRAHEDRAL,
                true, 1.0 / W, Map.of());
    }

    private static final PlateFormat EXR_FLOAT = new PlateFormat(PlateFormat.Container.EXR, PlateFormat.SampleType.FLOAT, true,
            PlateFormat.Compression.ZIP);

    @Test
    void identityLookReturnsALinearPlateWithinRounding() {
        FloatImage p = plate(1);
        Look id = look(Lut3d.identity(17), Lut3d.identity(33));
        float[] out = LookApply.apply(id, new DecodedImage(p, EXR_FLOAT), mask(), ColourSettings.defaults()).toArray();
        float[] in = p.toArray();
        for (int i = 0; i < in.length; i++) {
            // linear -> sRGB -> linear in float: a few ulps relative (PlateRoundTripTest's bound)
            assertEquals(in[i], out[i], 1e-5 * Math.max(1, Math.abs(in[i])), "sample " + i);
        }
    }

    @Test
    void affineLutsEqualTheClosedFormTransferAndProtectedPixelsAreExact() {
        Random rnd = new Random(2);
        float[] px = new float[3 * W * H];
        for (int i = 0; i < px.length; i++) px[i] = rnd.nextFloat();
        FloatImage p = FloatImage.of(W, H, 3, px);
        PlateFormat png = PlateFormat.forPath(Path.of("a.png"));
        Look look = look(Lut3d.bakeAffine(9, WARM), Lut3d.bakeAffine(9, COOL));
        float[] out = LookApply.apply(look, new DecodedImage(p, png), mask(), ColourSettings.defaults()).toArray();
        // reference: the closed-form maps with the same soft weights, clamped as the network's output
        float[] free = new float[W * H];
        LabelMap m = mask();
        for (int i = 0; i < free.length; i++) free[i] = m.labelAt(i) == 5 ? 0f : 1f;
        float[][] w = RegionWeights.soft(m, List.of(0, 1), free, look.blendRadius(W, H));
        float[] ref = new RegionColourTransfer(List.of(0, 1), new double[][][] {WARM, COOL}).apply(p, w).clamp(0f, 1f).toArray();
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], out[i], 1e-6, "sample " + i);
        for (int i = 0; i < W * H; i++) {
            if (m.labelAt(i) != 5) continue;
            for (int c = 0; c < 3; c++) assertEquals(px[c * W * H + i], out[c * W * H + i], 0f, "protected pixel " + i);
        }
    }

    @Test
    void theFusedPassMatchesTheRoundTripStepByStepAndReusesMattesOnlyForTheSameMask() {
        FloatImage p = plate(3); // linear, highlights, negatives, alpha
        Look look = look(Lut3d.bakeAffine(9, WARM), Lut3d.bakeAffine(17, COOL));
        DecodedImage plate = new DecodedImage(p, EXR_FLOAT);
        // reference: the plate path's steps one after another
        PlateRoundTrip rt = ColourSettings.defaults().forPlate(EXR_FLOAT);
        FloatImage net = rt.forNetwork(p);
        LabelMap m = mask();
        float[] free = new float[W * H];
        for (int i = 0; i < free.length; i++) free[i] = m.labelAt(i) == 5 ? 0f : 1f;
        float[][] w = RegionWeights.soft(m, List.of(0, 1), free, look.blendRadius(W, H));
        FloatImage graded = LutBlend.apply(net.rgb().clamp(0f, 1f), look.luts(), look.interpolation(), w);
        float[] want = ProtectedPixels.restore(rt.fromNetwork(graded, net, p), p, free).toArray();
        LookApply a = new LookApply(look, ColourSettings.defaults());
        float[] got = a.apply(plate, m).toArray();
        float[] in = p.toArray();
        // The fused pass converts through tables (within 1e-7 of the curves): compared where the look
        // works, in network sRGB (in linear, the shoulder's inverse magnifies any difference up to ~100x).
        float[] wantNet = rt.forNetwork(FloatImage.wrap(W, H, 4, want)).toArray();
        float[] gotNet = rt.forNetwork(FloatImage.wrap(W, H, 4, got)).toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(wantNet[i], gotNet[i], 1e-6, "sample " + i);
            int px = i % (W * H);
            if (i >= 3 * W * H || m.labelAt(px) == 5) assertEquals(in[i], got[i], 0f, "alpha and protected pixels exactly");
        }
        assertArrayEquals(got, a.apply(plate, mask()).toArray(), "an equal mask reuses the mattes");
        int[] other = m.toArray();
        for (int i = 0; i < other.length; i++) other[i] = other[i] == 5 ? 5 : 1 - other[i];
        float[] swapped = a.apply(plate, LabelMap.of(W, H, other, Map.of())).toArray();
        assertArrayEquals(LookApply.apply(look, plate, LabelMap.of(W, H, other, Map.of()), ColourSettings.defaults()).toArray(),
                swapped, "a new mask gets new mattes");
        assertTrue(!java.util.Arrays.equals(want, swapped));
    }

    /**
     * The pass with per-pixel region codes (one byte read where a pixel lies inside one region)
     * gives, bit for bit, what the pass that read every region's matte at every pixel gave: that
     * pass, written out here from the public pieces, is the reference. Non-linear LUTs, so that
     * interior, blended and protected pixels all differ from the plate.
     */
    @Test
    void regionCodesGiveTheMatteReadingPassBitForBit() {
        FloatImage p = plate(11);
        Lut3d curved = Lut3d.bake(9, (in, out) -> {
            out[0] = Math.sqrt(in[0]);
            out[1] = in[1] * in[1];
            out[2] = 0.5 * (in[0] + in[2]);
        });
        Look look = look(curved, Lut3d.bakeAffine(17, COOL));
        DecodedImage plate = new DecodedImage(p, EXR_FLOAT);
        LabelMap m = mask();
        int w = W, h = H, n = W * H;
        float[] free = new float[n];
        for (int i = 0; i < n; i++) free[i] = m.labelAt(i) == 5 ? 0f : 1f;
        float[][] weights = RegionWeights.soft(m, List.of(0, 1), free, look.blendRadius(W, H));
        LutBlend blend = new LutBlend(look.luts(), look.interpolation(), weights);
        dev.photostyle.colour.ColourTransform.Tabulated ct = ColourSettings.defaults().forPlate(EXR_FLOAT).transform().tabulated();
        float[] in = p.toArray();
        float[] want = in.clone();
        LutBlend.Kernel k = blend.kernel();
        double[] g = new double[3];
        float[] net = new float[3];
        int blended = 0;
        for (int i = 0; i < n; i++) {
            if (free[i] == 0f) continue;
            for (int c = 0; c < 3; c++) net[c] = (float) ct.toNetwork().apply(in[c * n + i]);
            if (!k.blend(i, Math.max(0f, Math.min(1f, net[0])), Math.max(0f, Math.min(1f, net[1])), Math.max(0f, Math.min(1f, net[2])), g)) continue;
            if (weights[0][i] != 0f && weights[1][i] != 0f) blended++;
            for (int c = 0; c < 3; c++) want[c * n + i] = (float) ct.fromNetwork().apply(PlateRoundTrip.merge((float) g[c], net[c]));
        }
        assertTrue(blended > 0, "the test needs blended pixels");
        float[] got = new LookApply(look, ColourSettings.defaults()).apply(plate, m).toArray();
        for (int i = 0; i < want.length; i++) assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "sample " + i);
    }

    @Test
    void lookFilesRoundTrip() throws IOException {
        Look look = look(Lut3d.bakeAffine(5, WARM), Lut3d.bakeAffine(5, COOL));
        Path json = dir.resolve("shot.json");
        look.write(json);
        assertTrue(Files.exists(dir.resolve("shot.0.cube")) && Files.exists(dir.resolve("shot.1.cube")));
        assertTrue(Files.readString(json).contains("\"lut\" : \"shot.0.cube\""), Files.readString(json));
        Look back = Look.read(json);
        assertEquals(look.labels(), back.labels());
        assertEquals(look.luts(), back.luts());
        assertEquals(look.blend(), back.blend());
        assertEquals(look.interpolation(), back.interpolation());
        Files.delete(dir.resolve("shot.1.cube"));
        IOException e = assertThrows(IOException.class, () -> Look.read(json));
        assertTrue(e.getMessage().contains("shot.1.cube"), e.getMessage());
    }

    @Test
    void chunkedAndResumedRunsEqualOneRun() throws IOException {
        Path plates = Files.createDirectories(dir.resolve("plates"));
        for (int f = 1; f <= 4; f++) PlateIO.write(plate(10 + f), plates.resolve(String.format("p.%04d.exr", f)), EXR_FLOAT);
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Look look = look(Lut3d.bakeAffine(9, WARM), Lut3d.bakeAffine(9, COOL));
        FramePattern in = new FramePattern(plates.resolve("p.%04d.exr").toString());
        List<Integer> seen = new ArrayList<>();
        // one run
        FramePattern one = new FramePattern(dir.resolve("one/o.%04d.exr").toString());
        int n = new ShotLook(look, in, one, f -> mask(), ColourSettings.defaults()).run(FrameRange.parse("1-4"), r -> {});
        assertEquals(4, n);
        // chunks out of order, then a resumed full run that only fills the gap
        FramePattern chunked = new FramePattern(dir.resolve("chunks/o.%04d.exr").toString());
        ShotLook shot = new ShotLook(look, in, chunked, f -> mask(), ColourSettings.defaults());
        shot.run(FrameRange.parse("3-4"), r -> {});
        shot.run(FrameRange.parse("1"), r -> {});
        int resumed = shot.run(FrameRange.parse("1-4"), r -> seen.add(r.skipped() ? -r.frame() : r.frame()));
        assertEquals(1, resumed);
        assertEquals(List.of(-1, 2, -3, -4), seen);
        // the stages one after another instead of overlapping
        FramePattern sequential = new FramePattern(dir.resolve("seq/o.%04d.exr").toString());
        List<Integer> order = new ArrayList<>();
        new ShotLook(look, in, sequential, f -> mask(), ColourSettings.defaults()).run(FrameRange.parse("1-4"), false, r -> order.add(r.frame()));
        assertEquals(List.of(1, 2, 3, 4), order);
        for (int f = 1; f <= 4; f++) {
            assertArrayEquals(Files.readAllBytes(one.path(f)), Files.readAllBytes(chunked.path(f)), "frame " + f);
            assertArrayEquals(Files.readAllBytes(one.path(f)), Files.readAllBytes(sequential.path(f)), "frame " + f + ", sequential");
        }
        // a corrupt plate mid-shot: the frames before it are written, its error comes through, nothing half-written
        Path bad = Files.createDirectories(dir.resolve("bad"));
        for (int f = 1; f <= 3; f++) Files.copy(in.path(f), bad.resolve(String.format("p.%04d.exr", f)));
        Files.write(bad.resolve("p.0002.exr"), java.util.Arrays.copyOf(Files.readAllBytes(in.path(2)), 400));
        FramePattern badOut = new FramePattern(dir.resolve("badout/o.%04d.exr").toString());
        ShotLook broken = new ShotLook(look, new FramePattern(bad.resolve("p.%04d.exr").toString()), badOut, f -> mask(), ColourSettings.defaults());
        IOException e = assertThrows(IOException.class, () -> broken.run(FrameRange.parse("1-3"), r -> {}));
        assertTrue(e.getMessage().contains("p.0002.exr"), e.getMessage());
        assertTrue(Files.exists(badOut.path(1)));
        try (var files = Files.list(badOut.path(1).getParent())) {
            assertEquals(List.of("o.0001.exr"), files.map(x -> x.getFileName().toString()).sorted().toList());
        }
        DecodedImage o = PlateIO.read(one.path(2));
        assertEquals(PlateFormat.SampleType.FLOAT, o.format().sampleType());
        assertTrue(o.image().hasAlpha());
        assertThrows(IllegalArgumentException.class, () -> new ShotLook(look, in, in, f -> mask(), ColourSettings.defaults())
                .run(FrameRange.parse("1"), r -> {}));
        assertTrue(Files.list(masks).findAny().isEmpty());
    }
}
