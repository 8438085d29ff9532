package dev.photostyle.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --content-mask} / {@code --style-mask} pair of single-image commands ({@code transfer}, {@code eval}). */
final class MaskOptions {
    @Option(names = "--content-mask", paramLabel = "FILE", description = "Colour-coded (or label) mask of the content.")
    Path contentMask;

    @Option(names = "--style-mask", paramLabel = "FILE", description = "Colour-coded (or label) mask of the style.")
    Path styleMask;

    /** Throws unless both masks or neither are given. */
    void requireBothOrNeither() {
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
    }
}
