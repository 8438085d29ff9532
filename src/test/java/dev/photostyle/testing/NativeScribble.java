package dev.photostyle.testing;

import java.nio.ByteBuffer;

/**
 * Provokes the failure of DJL 0.33's {@code mul(Number)}, {@code div(Number)} and the like: their
 * scalar is a tensor over a direct buffer that is freed once its handle is closed and the collector
 * runs, while the autograd graph still reads it in backward. Call {@link #collectAndScribble()}
 * between a forward and a backward pass: a term that used such a scalar then gets a different
 * (often NaN) gradient.
 */
public final class NativeScribble {
    private NativeScribble() {}

    /** Frees what the collector can free, then reuses small native blocks, filled with NaN. */
    public static void collectAndScribble() {
        for (int k = 0; k < 3; k++) {
            System.gc();
            for (int j = 0; j < 64; j++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8);
                while (b.remaining() >= 4) b.putFloat(Float.NaN);
            }
        }
    }
}
