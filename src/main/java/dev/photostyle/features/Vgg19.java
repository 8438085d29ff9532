package dev.photostyle.features;

import dev.photostyle.mask.LayerKind;
import dev.photostyle.mask.Vgg19Geometry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The VGG19 feature stack (Simonyan and Zisserman 2015), 16 convolutions in five blocks, with the
 * layer names used by Gatys et al. and Luan et al. ({@code conv1_1 ... relu5_4, pool1 ... pool5}).
 * The layer order comes from {@link Vgg19Geometry}; this class adds the channel counts.
 */
public final class Vgg19 {
    /** Output channels of the convolutions in each block. */
    private static final int[] BLOCK_WIDTHS = {64, 128, 256, 512, 512};
    private static final List<VggLayer> LAYERS = build();

    /**
     * The first ReLU of each block, {@code relu1_1 ... relu5_1}: the style layers of Gatys, Ecker,
     * Bethge (CVPR 2016) and of Deep Photo Style Transfer (Luan et al. 2017).
     */
    public static final List<String> STYLE_LAYERS = List.of("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1");

    private Vgg19() {}

    private static List<VggLayer> build() {
        List<VggLayer> layers = new ArrayList<>();
        int block = 0;
        int in = 3;
        for (Vgg19Geometry.Layer g : Vgg19Geometry.layers()) {
            int index = layers.size();
            switch (g.kind()) {
                case CONV -> {
                    int out = BLOCK_WIDTHS[block];
                    layers.add(new VggLayer(g.name(), LayerKind.CONV, index, in, out));
                    in = out;
                }
                case RELU -> layers.add(new VggLayer(g.name(), LayerKind.RELU, index, 0, 0));
                case POOL -> {
                    layers.add(new VggLayer(g.name(), LayerKind.POOL, index, 0, 0));
                    block++;
                }
            }
        }
        return Collections.unmodifiableList(layers);
    }

    /** All 37 layers in order. */
    public static List<VggLayer> layers() { return LAYERS; }

    /** The layer called {@code name}. */
    public static VggLayer layer(String name) {
        return LAYERS.get(position(name));
    }

    /**
     * Position of {@code name} in {@link #layers()}.
     *
     * @throws NoSuchElementException if VGG19 has no such layer
     */
    public static int position(String name) {
        return Vgg19Geometry.position(name);
    }

    /** The layers up to and including {@code last}. */
    public static List<VggLayer> upTo(String last) {
        return LAYERS.subList(0, position(last) + 1);
    }
}
