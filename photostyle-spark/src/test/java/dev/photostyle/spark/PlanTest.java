package dev.photostyle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The driver's side without Spark: file arguments made absolute, the work split into units. */
class PlanTest {
    @TempDir
    Path dir;

    private static ParseResultHolder parse(String... args) {
        CommandLine cl = new CommandLine(new Farm());
        return new ParseResultHolder(cl.parseArgs(args).subcommand());
    }

    private record ParseResultHolder(CommandLine.ParseResult sub) {}

    @Test
    void fileArgumentsBecomeAbsoluteAndTheRestIsKept() {
        Path base = Path.of("/shot");
        List<String> abs = ArgPaths.absolute(parse("look-apply", "look.json", "--content", "p.%04d.png", "-o", "out/o.%04d.png",
                "--frames", "1-8", "--mask-type", "colour").sub(), base);
        assertEquals(List.of("--content", "/shot/p.%04d.png", "--output", "/shot/out/o.%04d.png", "--frames", "1-8",
                "--mask-type", "colour", "--", "/shot/look.json"), abs);

        List<String> seq = ArgPaths.absolute(parse("sequence", "--content", "/abs/p.%04d.exr", "--frames", "1-3", "--style", "s.png",
                "-o", "o.%04d.exr", "--init", "noise", "--style-layers", "relu1_1,relu2_1", "--weights", "../w.pth",
                "--content-mask", "m.%04d.png", "--style-mask", "sm.png", "--chunk", "5").sub(), base);
        assertEquals(List.of("--content", "/abs/p.%04d.exr", "--frames", "1-3", "--style", "/shot/s.png", "--output", "/shot/o.%04d.exr",
                "--init", "noise", "--style-layers", "relu1_1,relu2_1", "--weights", "/shot/../w.pth",
                "--content-mask", "/shot/m.%04d.png", "--style-mask", "/shot/sm.png", "--chunk", "5"), seq);

        List<String> init = ArgPaths.absolute(parse("batch", "--dataset", "d", "--out", "o", "--init", "start.png", "--pairs", "1,4").sub(), base);
        assertEquals(List.of("--dataset", "/shot/d", "--out", "/shot/o", "--init", "/shot/start.png", "--pairs", "1,4"), init);
    }

    @Test
    void aSequenceSplitsIntoChunksWarmedUpOnTheFrameBefore() throws Exception {
        PlateIO.write(FloatImage.wrap(8, 8, 3, new float[3 * 64]), dir.resolve("style.png"));
        Farm.Plan plan = Farm.plan("sequence", "--content", dir.resolve("p.%04d.png").toString(), "--frames", "1-5,9",
                "--style", dir.resolve("style.png").toString(), "-o", dir.resolve("o.%04d.png").toString(), "--chunk", "2");
        assertEquals(List.of(Unit.chunk(List.of(1, 2), 0), Unit.chunk(List.of(3, 4), 1), Unit.chunk(List.of(5, 9), 1)), plan.units(),
                "the first chunk as the CLI runs it; later ones warm up on the frame before, when that frame is in the shot");
        assertEquals(dir.resolve("farm-report.json"), plan.report());
        Farm.Plan two = Farm.plan("sequence", "--content", dir.resolve("p.%04d.png").toString(), "--frames", "1-4",
                "--style", dir.resolve("style.png").toString(), "-o", dir.resolve("o.%04d.png").toString(), "--chunk", "3",
                "--warm-up", "2", "--farm-report", "r.json");
        assertEquals(List.of(Unit.chunk(List.of(1, 2, 3), 0), Unit.chunk(List.of(4), 2)), two.units());
        assertEquals(Path.of("r.json").toAbsolutePath(), two.report());
    }

    @Test
    void badCommandLinesFailBeforeSparkStarts() {
        assertThrows(CommandLine.ParameterException.class, () -> Farm.plan("look-apply", "--frames", "1"));
        assertThrows(CommandLine.ParameterException.class, () -> Farm.plan());
        assertThrows(CommandLine.ParameterException.class, () -> Farm.plan("render"));
        assertThrows(java.io.IOException.class, () -> Farm.plan("look-apply", dir.resolve("missing.json").toString(),
                "--content", "p.%04d.png", "--frames", "1", "-o", dir.resolve("o.%04d.png").toString()));
    }
}
