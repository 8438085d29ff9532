package dev.photostyle.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFileTest {
    @TempDir
    Path dir;

    static final String JOB = """
            {"content": "plate.png",
             "regions": [
               {"name": "sky", "matte": {"file": "m.png", "colour": "blue"}, "style": "a.png",
                "style_matte": {"file": "sm.png", "colour": "blue"}, "weight": 2, "style_layers": ["relu1_1"]},
               {"name": "ground", "matte": {"file": "soft.png", "soft": "alpha"}, "style": "sub/b.png"}
             ]}
            """;

    private static IllegalArgumentException error(String json, Path dir) {
        return assertThrows(IllegalArgumentException.class, () -> JobFile.parse(json, dir));
    }

    @Test
    void parsesResolvesAndRoundTrips() {
        JobSpec j = JobFile.parse(JOB, dir);
        assertEquals(dir.resolve("plate.png").toAbsolutePath().normalize(), j.content());
        assertEquals(2, j.regions().size());
        RegionSpec sky = j.regions().get(0);
        assertEquals(MatteSpec.Kind.COLOUR, sky.matte().kind());
        assertEquals(dir.resolve("m.png").toAbsolutePath().normalize(), sky.matte().file());
        assertEquals(2.0, sky.weight());
        assertEquals(List.of("relu1_1"), sky.styleLayers());
        RegionSpec ground = j.regions().get(1);
        assertEquals(MatteSpec.Kind.ALPHA, ground.matte().kind());
        assertEquals(MatteSpec.WHOLE, ground.styleMatte());
        assertEquals(1.0, ground.weight());
        assertNull(ground.styleLayers());
        assertNull(j.unassigned());
        String json = JobFile.toJson(j, dir);
        assertTrue(json.contains("\"sub/b.png\""), json);
        assertEquals(j, JobFile.parse(json, dir));
    }

    @Test
    void unassignedGlobalStyleRoundTrips() {
        JobSpec j = JobFile.parse("""
                {"content": "p.png", "regions": [{"matte": {"file": "l.png", "label": 3}, "style": "a.png"}],
                 "unassigned": {"style": "g.png", "weight": 0.5}}""", dir);
        assertEquals("region1", j.regions().get(0).name());
        assertEquals(3, j.regions().get(0).matte().label());
        assertEquals(0.5, j.unassigned().weight());
        assertEquals(j, JobFile.parse(JobFile.toJson(j, dir), dir));
    }

    @Test
    void formatErrorsSayWhatAndWhere() {
        assertTrue(error("{\"content\": \"p.png\", \"regions\": [], \"sizee\": 3}", dir).getMessage()
                .contains("unknown key 'sizee'"));
        assertTrue(error("{\"content\": \"p.png\", \"regions\": []}", dir).getMessage().contains("non-empty list"));
        assertTrue(error("{\"regions\": [{}]}", dir).getMessage().contains("'content' is missing"));
        assertTrue(error("{\"content\": \"p.png\", \"regions\": [{\"name\": \"sky\", \"style\": \"a.png\"}]}", dir)
                .getMessage().contains("region 'sky': 'matte' is missing"));
        String twoKinds = "{\"content\": \"p.png\", \"regions\": [{\"name\": \"sky\", \"style\": \"a.png\", "
                + "\"matte\": {\"file\": \"m.png\", \"colour\": \"blue\", \"label\": 2}}]}";
        assertTrue(error(twoKinds, dir).getMessage().contains("exactly one of"));
        String badColour = "{\"content\": \"p.png\", \"regions\": [{\"name\": \"sky\", \"style\": \"a.png\", "
                + "\"matte\": {\"file\": \"m.png\", \"colour\": \"mauve\"}}]}";
        assertTrue(error(badColour, dir).getMessage().contains("unknown mask colour 'mauve'"));
        String dup = "{\"content\": \"p.png\", \"regions\": [{\"name\": \"a\", \"style\": \"s.png\", \"matte\": \"whole\"},"
                + "{\"name\": \"a\", \"style\": \"s.png\", \"matte\": \"whole\"}]}";
        assertTrue(error(dup, dir).getMessage().contains("two regions are named 'a'"));
        assertTrue(error("[1]", dir).getMessage().contains("JSON object"));
    }

    @Test
    void readNamesTheFile() throws Exception {
        Path f = dir.resolve("job.json");
        Files.writeString(f, "{\"content\": \"p.png\", \"regions\": [], \"x\": 1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobFile.read(f));
        assertTrue(e.getMessage().startsWith("job.json: "), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobFile.read(dir.resolve("none.json")))
                .getMessage().contains("job file not found"));
    }

    // ---- loading checks ----

    private Path png(String name, int w, int h, float r, float g, float b) throws Exception {
        float[] d = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            d[i] = r;
            d[w * h + i] = g;
            d[2 * w * h + i] = b;
        }
        Path p = dir.resolve(name);
        PlateIO.write(FloatImage.of(w, h, 3, d), p);
        return p;
    }

    /** A 20x10 mask: left half blue, right half green. */
    private Path halves(String name, int w, int h) throws Exception {
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x < w / 2) d[2 * w * h + i] = 1f; else d[w * h + i] = 1f;
            }
        }
        Path p = dir.resolve(name);
        PlateIO.write(FloatImage.of(w, h, 3, d), p);
        return p;
    }

    private String job(String regions) {
        return "{\"content\": \"plate.png\", \"regions\": [" + regions + "]}";
    }

    private static String region(String name, String matte) {
        return "{\"name\": \"" + name + "\", \"matte\": " + matte + ", \"style\": \"style.png\"}";
    }

    private IllegalArgumentException loadError(String json) {
        return assertThrows(IllegalArgumentException.class, () -> JobLoader.load(JobFile.parse(json, dir)));
    }

    @Test
    void loaderChecksGiveOneLineMessages() throws Exception {
        png("plate.png", 20, 10, 0.5f, 0.5f, 0.5f);
        png("style.png", 16, 16, 0.9f, 0.1f, 0.1f);
        halves("mask.png", 20, 10);
        halves("mask_off.png", 22, 10);
        halves("mask_far.png", 40, 10);
        String blue = "{\"file\": \"mask.png\", \"colour\": \"blue\"}";
        assertTrue(loadError(job(region("sky", "{\"file\": \"nope.png\", \"colour\": \"blue\"}"))).getMessage()
                .matches("region 'sky' matte: file not found: .*nope.png"));
        assertTrue(loadError(job(region("sky", "{\"file\": \"mask.png\", \"colour\": \"red\"}"))).getMessage()
                .contains("region 'sky': its matte is empty (colour red of mask.png covers no pixel"));
        assertTrue(loadError(job(region("sky", "{\"file\": \"mask_far.png\", \"colour\": \"blue\"}"))).getMessage()
                .contains("is 40x10 but its image is 20x10"));
        assertTrue(loadError(job(region("sky", "{\"file\": \"mask.png\", \"soft\": \"alpha\"}"))).getMessage()
                .contains("has no alpha channel"));
        String emptyStyle = "{\"name\": \"sky\", \"matte\": " + blue + ", \"style\": \"style.png\", "
                + "\"style_matte\": {\"file\": \"mask.png\", \"colour\": \"blue\"}}";
        assertTrue(loadError(job(emptyStyle)).getMessage().contains("is 20x10 but its image is 16x16"));
        // A few px off: resampled.
        LoadedJob ok = JobLoader.load(JobFile.parse(job(region("sky", "{\"file\": \"mask_off.png\", \"colour\": \"blue\"}")), dir));
        assertEquals(20 * 10, ok.regions().get(0).matte().length);
    }

    @Test
    void overlapsWarnAndAreNormalised() throws Exception {
        png("plate.png", 20, 10, 0.5f, 0.5f, 0.5f);
        png("style.png", 16, 16, 0.9f, 0.1f, 0.1f);
        halves("mask.png", 20, 10);
        LoadedJob j = JobLoader.load(JobFile.parse(job(region("sky", "{\"file\": \"mask.png\", \"colour\": \"blue\"}")
                + "," + region("all", "\"whole\"")), dir));
        assertEquals(1, j.warnings().size(), j.warnings().toString());
        assertTrue(j.warnings().get(0).contains("regions 'sky' and 'all' overlap on 100 px"), j.warnings().get(0));
        assertEquals(0.5f, j.regions().get(0).matte()[0]);
        assertEquals(0.5f, j.regions().get(1).matte()[0]);
        assertEquals(1f, j.regions().get(1).matte()[19]);
    }

    @Test
    void unassignedStyleCoversTheRest() throws Exception {
        png("plate.png", 20, 10, 0.5f, 0.5f, 0.5f);
        png("style.png", 16, 16, 0.9f, 0.1f, 0.1f);
        halves("mask.png", 20, 10);
        LoadedJob j = JobLoader.load(JobFile.parse("{\"content\": \"plate.png\", \"regions\": ["
                + region("sky", "{\"file\": \"mask.png\", \"colour\": \"blue\"}")
                + "], \"unassigned\": {\"style\": \"style.png\"}}", dir));
        assertEquals(2, j.regions().size());
        assertEquals(0f, j.regions().get(1).matte()[0]);
        assertEquals(1f, j.regions().get(1).matte()[19]);
        LoadedJob all = JobLoader.load(JobFile.parse("{\"content\": \"plate.png\", \"regions\": ["
                + region("all", "\"whole\"") + "], \"unassigned\": {\"style\": \"style.png\"}}", dir));
        assertEquals(1, all.regions().size());
        assertTrue(all.warnings().get(0).contains("unassigned style is not used"));
    }
}
