package dev.photostyle.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The VGG19 feature stack (Simonyan and Zisserman 2015), 16 convolutions in five blocks, with the
 * layer names used by Gatys et al. and Luan et al. ({@code conv1_1 ... relu5_4, pool1 ... pool5}).
 */
public final class Vgg19 {
    private static final int[][] BLOCKS = {{64, 2}, {128, 2}, {256, 4}, {512, 4}, {512, 4}};
    private static final List<VggLayer> LAYERS = build();

    private Vgg19() {}

    private static List<VggLayer> build() {
        List<VggLayer> layers = new ArrayList<>();
        int index = 0;
        int in = 3;
        for (int b = 0; b < BLOCKS.length; b++) {
            int out = BLOCKS[b][0];
            for (int c = 1; c <= BLOCKS[b][1]; c++) {
                String suffix = (b + 1) + "_" + c;
                layers.add(new VggLayer("conv" + suffix, LayerKind.CONV, index++, in, out));
                layers.add(new VggLayer("relu" + suffix, LayerKind.RELU, index++, 0, 0));
                in = out;
            }
            layers.add(new VggLayer("pool" + (b + 1), LayerKind.POOL, index++, 0, 0));
        }
        return Collections.unmodifiableList(layers);
    }

    /** All 37 layers in order. */
    public static List<VggLayer> layers() { return LAYERS; }

    /** The layer called {@code name}. */
    public static VggLayer layer(String name) {
        for (VggLayer l : LAYERS) if (l.name().equals(name)) return l;
        throw new NoSuchElementException("unknown VGG19 layer '" + name + "'");
    }

    /** Position of {@code name} in {@link #layers()}. */
    public static int position(String name) {
        return LAYERS.indexOf(layer(name));
    }

    /** The layers up to and including {@code last}. */
    public static List<VggLayer> upTo(String last) {
        return LAYERS.subList(0, position(last) + 1);
    }
}
