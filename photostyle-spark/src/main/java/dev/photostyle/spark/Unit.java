package dev.photostyle.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One task's share of a job: a frame of a look, a chunk of a sequence (with how many frames before
 * it to warm up on), or a pair of a batch.
 *
 * @param name   what reports call it: {@code frame 1004}, {@code frames 1011-1020}, {@code in4}
 * @param frames the frames, ascending (empty for a pair)
 * @param warmUp frames stylised before a chunk (sequence only; else 0)
 * @param pair   the pair's number (batch only; else -1)
 */
public record Unit(String name, List<Integer> frames, int warmUp, int pair) implements Serializable {
    public Unit {
        frames = List.copyOf(frames);
    }

    static Unit frame(int f) {
        return new Unit("frame " + f, List.of(f), 0, -1);
    }

    static Unit chunk(List<Integer> frames, int warmUp) {
        String name = frames.size() == 1 ? "frame " + frames.get(0) : "frames " + frames.get(0) + "-" + frames.get(frames.size() - 1);
        return new Unit(name, frames, warmUp, -1);
    }

    static Unit pair(String name, int number) {
        return new Unit(name, List.of(), 0, number);
    }

    /** The names of the unit's items: {@code frame N} for each frame, or the pair's name. */
    List<String> itemNames() {
        return pair >= 0 ? List.of(name) : frames.stream().map(f -> "frame " + f).toList();
    }
}
