package dev.photostyle.sequence;

import java.util.List;
import java.util.TreeSet;

/**
 * The frame numbers of {@code --frames}: comma-separated numbers and inclusive ranges, e.g.
 * {@code 1001-1100} or {@code 1001-1010,1020}; sorted ascending, duplicates removed.
 *
 * <p>Example: {@code FrameRange.parse("1001-1003,1010").frames()} is {@code [1001, 1002, 1003, 1010]}.
 *
 * @param frames the frame numbers, ascending, not empty
 */
public record FrameRange(List<Integer> frames) {
    /** Refuses ranges that would list more frames than any shot has. */
    public static final int MAX_FRAMES = 1_000_000;

    public FrameRange {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) throw new IllegalArgumentException("--frames lists no frame");
    }

    /** Parses a {@code --frames} value. */
    public static FrameRange parse(String spec) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int dash = p.indexOf('-', 1); // a leading '-' would be a sign
            try {
                int a = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int b = dash < 0 ? a : Integer.parseInt(p.substring(dash + 1).trim());
                if (a < 0 || b < a) throw new IllegalArgumentException("--frames: bad range '" + p + "' (use A-B with 0 <= A <= B)");
                if ((long) b - a + out.size() >= MAX_FRAMES) throw new IllegalArgumentException("--frames: too many frames in '" + p + "'");
                for (int f = a; f <= b; f++) out.add(f);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--frames: '" + p + "' is not a frame number or range A-B");
            }
        }
        return new FrameRange(List.copyOf(out));
    }

    /** The first frame. */
    public int first() { return frames.get(0); }

    /** The number of frames. */
    public int size() { return frames.size(); }
}
