package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.LutConfig;
import dev.photostyle.transfer.TransferConfig;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** How transfer options become a config: per-method defaults and the LUT settings. */
class TransferOptionsTest {
    private static TransferConfig parse(String... args) {
        TransferCommand c = new TransferCommand();
        new CommandLine(c).parseArgs(args);
        return c.options.config(null);
    }

    @Test
    void lutTakesLookFitsDefaultsUnlessToldOtherwise() {
        TransferConfig lut = parse("--content", "c.png", "--style", "s.png", "-o", "o.png", "--method", "lut");
        assertEquals(TransferConfig.Method.LUT, lut.method());
        assertEquals(256, lut.size());
        assertEquals(100, lut.iterations());
        assertEquals(1, lut.levels());
        assertEquals(LutConfig.defaults(), lut.lut());
        TransferConfig grid = parse("--content", "c.png", "--style", "s.png", "-o", "o.png", "--method", "grid");
        assertEquals(512, grid.size());
        assertEquals(1000, grid.iterations());
        assertEquals(3, grid.levels());
        TransferConfig set = parse("--content", "c.png", "--style", "s.png", "-o", "o.png", "--method", "lut", "--size", "384",
                "--iterations", "40", "--levels", "2", "--lut-size", "17", "--lut-smoothness", "0.01", "--lut-gain-weight", "0",
                "--lut-interpolation", "trilinear");
        assertEquals(384, set.size());
        assertEquals(40, set.iterations());
        assertEquals(2, set.levels());
        assertEquals(new LutConfig(17, Interpolation.TRILINEAR, 0.01, 0), set.lut());
    }
}
