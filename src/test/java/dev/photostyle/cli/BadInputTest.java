package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.testing.BadFiles;
import dev.photostyle.testing.SharedData;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad input found by users, through the command line: one line {@code error: ...} naming the
 * file and the reason, a non-zero exit, and no output (nor a {@code .partial} file) written.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private Path content;
    private Path style;
    private Path contentMask;
    private Path styleMask;
    private Path out;
    private Path report;

    private record Run(int code, String err) {}

    @BeforeEach
    void inputs() throws IOException {
        content = dir.resolve("in.png");
        style = dir.resolve("ref.png");
        contentMask = dir.resolve("in_mask.png");
        styleMask = dir.resolve("ref_mask.png");
        ImageFiles.write(TinyDataset.image(96, 80, 1, 0.3f, 0.5f, 0.8f), content);
        ImageFiles.write(TinyDataset.image(64, 64, 2, 0.9f, 0.5f, 0.2f), style);
        ImageFiles.write(TinyDataset.mask(96, 80, 40, new float[] {0, 1, 0}), contentMask);
        ImageFiles.write(TinyDataset.mask(64, 64, 32, new float[] {0, 1, 0}), styleMask);
        Path outDir = Files.createDirectory(dir.resolve("out"));
        out = outDir.resolve("result.png");
        report = outDir.resolve("report.json");
    }

    private static Run run(List<String> args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args.toArray(String[]::new)), err.toString());
    }

    /** A transfer of the inputs; --weights names a missing file, so any run that got past the inputs fails loudly. */
    private List<String> transfer() {
        return new ArrayList<>(List.of("transfer", "--content", content.toString(), "--style", style.toString(),
                "--content-mask", contentMask.toString(), "--style-mask", styleMask.toString(),
                "--weights", dir.resolve("never-read.pth").toString(), "--style-layers", "relu1_1",
                "--content-layers", "relu1_1", "--size", "32", "--iterations", "2", "--quiet",
                "--report", report.toString(), "-o", out.toString()));
    }

    private void assertFailsWith(List<String> args, String... parts) throws IOException {
        Run r = run(args);
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        for (String p : parts) assertTrue(r.err().contains(p), "'" + p + "' missing from: " + r.err());
        try (Stream<Path> s = Files.list(out.getParent())) {
            List<Path> left = s.toList();
            assertTrue(left.isEmpty(), "nothing may be written, found " + left);
        }
    }

    private List<String> with(String option, Path value) {
        List<String> a = transfer();
        a.set(a.indexOf(option) + 1, value.toString());
        return a;
    }

    @Test
    void hugePlateFailsFromItsHeaderInsteadOfRunningOutOfMemory() throws IOException {
        Path huge = BadFiles.hugePngHeader(dir.resolve("huge.png"), 30000, 30000);
        long t = System.nanoTime();
        assertFailsWith(with("--content", huge), "cannot read " + huge, "30000x30000", "GB of Java heap",
                "PHOTOSTYLE_JAVA_OPTS");
        assertTrue((System.nanoTime() - t) / 1e9 < 10, "fails at once");
    }

    @Test
    void plateWithNanFailsBeforeAnyIteration() throws IOException {
        FloatImage img = TinyDataset.image(96, 80, 1, 0.3f, 0.5f, 0.8f);
        float[] d = img.toArray();
        d[96 * 80 + 3] = Float.NaN; // G at (3, 0)
        Path exr = dir.resolve("nan.exr");
        PlateIO.write(FloatImage.wrap(96, 80, 3, d), exr, PlateFormat.forPath(exr).withAlpha(false));
        assertFailsWith(with("--content", exr), exr.toString(), "1 non-finite pixel value",
                "first at x=3, y=0, channel G");
    }

    @Test
    void maskOfAnUnknownColourNamesColourAndCount() throws IOException {
        float[] d = TinyDataset.mask(96, 80, 40, new float[] {0, 1, 0}).toArray();
        int n = 96 * 80;
        for (int y = 20; y < 60; y++) {
            for (int x = 30; x < 70; x++) {
                d[y * 96 + x] = 200 / 255f;
                d[n + y * 96 + x] = 120 / 255f;
                d[2 * n + y * 96 + x] = 40 / 255f;
            }
        }
        ImageFiles.write(FloatImage.wrap(96, 80, 3, d), contentMask);
        assertFailsWith(transfer(), "mask " + contentMask, "1600 pixels of colour (200,120,40)",
                "match none of the palette's colours");
    }

    @Test
    void missingFolderAndUnreadableInputsSayWhy() throws IOException {
        assertFailsWith(with("--style", dir.resolve("nope.png")), "cannot read " + dir.resolve("nope.png")
                + ": file not found");
        assertFailsWith(with("--style-mask", dir), "cannot read " + dir + ": it is a folder");
        Path cut = BadFiles.truncate(Files.copy(content, dir.resolve("cut.png")), 0.5);
        assertFailsWith(with("--content", cut), "cannot read " + cut, "truncated");
        BadFiles.revokeAccess(content);
        assertFailsWith(transfer(), "cannot read " + content + ": permission denied");
    }

    @Test
    void unwritableOutputFolderIsNamedAndLeavesNothing() throws IOException {
        BadFiles.revokeAccess(out.getParent());
        List<String> a = transfer();
        a.set(a.indexOf("--weights") + 1, SharedData.vggWeights().toString());
        assertFailsWith(a, "cannot write " + out, "folder " + out.getParent() + " is not writable");
        assertFalse(Files.exists(report));
    }
}
