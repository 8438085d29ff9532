package dev.photostyle.sequence;

import java.nio.file.Path;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A printf-style frame file name such as {@code plate.%04d.exr}: exactly one integer conversion
 * ({@code %d}, {@code %4d}, {@code %04d}), other '%' written as {@code %%}.
 *
 * <p>Example: {@code new FramePattern("out/plate.%04d.exr").path(1001)} is {@code out/plate.1001.exr}.
 *
 * @param pattern the pattern as given
 */
public record FramePattern(String pattern) {
    private static final Pattern CONVERSION = Pattern.compile("%(%|0?\\d*d)");

    public FramePattern {
        if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("frame pattern is empty");
        Matcher m = CONVERSION.matcher(pattern);
        int ints = 0;
        int percents = 0;
        while (m.find()) {
            if (m.group(1).equals("%")) percents++; else ints++;
        }
        long all = pattern.chars().filter(c -> c == '%').count();
        if (ints != 1 || all != 2L * percents + 1) {
            throw new IllegalArgumentException("frame pattern '" + pattern
                    + "' must hold exactly one frame number conversion such as %04d");
        }
    }

    /** The file of frame {@code frame}. */
    public Path path(int frame) {
        try {
            return Path.of(String.format(Locale.ROOT, pattern, frame));
        } catch (IllegalFormatException e) {
            throw new IllegalArgumentException("bad frame pattern '" + pattern + "': " + e.getMessage());
        }
    }

    /** True if {@code s} looks like a pattern (has a '%' conversion) rather than a plain file name. */
    public static boolean isPattern(String s) {
        return s.replace("%%", "").contains("%");
    }
}
