package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.testing.SharedData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BatchCommandTest {
    @TempDir
    Path dir;

    private int run(Path ds, Path out, String... extra) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        String[] base = {"batch", "--dataset", ds.toString(), "--out", out.toString(), "--size", "48",
                "--iterations", "2", "--weights", SharedData.vggWeights().toString(),
                "--style-layers", "relu1_1,relu2_1", "--content-layers", "relu2_1", "--quiet"};
        String[] a = new String[base.length + extra.length];
        System.arraycopy(base, 0, a, 0, base.length);
        System.arraycopy(extra, 0, a, base.length, extra.length);
        int code = cl.execute(a);
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void writesSelfContainedReportAndSummaryThenResumes() throws Exception {
        Path ds = TinyDataset.write(dir.resolve("ds"));
        Path out = dir.resolve("out");
        run(ds, out);
        Path html = out.resolve("report.html");
        String page = Files.readString(html);
        Matcher m = Pattern.compile("src=\"([^\"]+)\"").matcher(page);
        int images = 0;
        while (m.find()) {
            Path f = out.resolve(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            assertTrue(Files.isRegularFile(f), "report links a missing file " + f);
            assertTrue(f.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize()), "not self-contained: " + f);
            images++;
        }
        assertEquals(6 + 5, images); // pair 1: content, style, 2 masks, ours, reference; pair 2: no reference
        FloatImage result = ImageFiles.read(out.resolve("in1/result.png"));
        FloatImage ref = ImageFiles.read(out.resolve("in1/reference.png"));
        assertEquals(56, result.width()); // the plate's own width: the default output size is full
        assertEquals(result.width(), ref.width());
        assertEquals(result.height(), ref.height());

        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, s.get("pairs").size());
        assertTrue(s.get("pairs").get(0).get("ours").get("style_distance").isNumber());
        assertTrue(s.get("pairs").get(0).get("reference").get("ssim").isNumber());
        assertTrue(s.get("pairs").get(1).get("reference").isNull());
        assertFalse(s.get("pairs").get(0).get("resumed").asBoolean());
        JsonNode styleRow = null;
        for (JsonNode r : s.get("summary")) if (r.get("metric").asText().equals("style_distance")) styleRow = r;
        assertNotNull(styleRow);
        assertEquals(1, styleRow.get("compared").asInt());
        JsonNode pair2 = new ObjectMapper().readTree(out.resolve("in2/metrics.json").toFile());
        assertTrue(pair2.get("leakage_max").isNumber()); // the orphan region is protected

        Path resultFile = out.resolve("in1/result.png");
        FileTime before = Files.getLastModifiedTime(resultFile);
        Files.setLastModifiedTime(resultFile, FileTime.fromMillis(before.toMillis() - 10_000)); // detect any rewrite
        FileTime marked = Files.getLastModifiedTime(resultFile);
        run(ds, out, "--pairs", "1");
        assertEquals(marked, Files.getLastModifiedTime(resultFile));
        JsonNode s2 = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, s2.get("pairs").size());
        assertTrue(s2.get("pairs").get(0).get("resumed").asBoolean());
    }
}
