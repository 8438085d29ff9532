package dev.photostyle.mask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The spatial layout of VGG19's feature stack (Simonyan and Zisserman 2015): the 37 layer names used
 * by Gatys et al. and Luan et al. ({@code conv1_1 ... relu5_4, pool1 ... pool5}) in order, and what
 * each does to the pixel grid. Nothing about weights or channels: {@code features.Vgg19} adds those.
 * It lives here so that {@link MaskPropagation} can follow the network without depending on the
 * feature extractor.
 *
 * <pre>{@code
 * Vgg19Geometry.position("relu4_2");   // 22
 * Vgg19Geometry.layers().get(4);       // Layer[name=pool1, kind=POOL]
 * }</pre>
 */
public final class Vgg19Geometry {
    /** Convolutions in each of the five blocks; every block ends in a 2x2 pool. */
    private static final int[] CONVS_PER_BLOCK = {2, 2, 4, 4, 4};
    private static final List<Layer> LAYERS = build();

    /**
     * One layer's name and spatial role.
     *
     * @param name e.g. {@code conv1_1}, {@code relu4_2}, {@code pool3}
     * @param kind conv, relu or pool
     */
    public record Layer(String name, LayerKind kind) {}

    private Vgg19Geometry() {}

    private static List<Layer> build() {
        List<Layer> layers = new ArrayList<>();
        for (int b = 0; b < CONVS_PER_BLOCK.length; b++) {
            for (int c = 1; c <= CONVS_PER_BLOCK[b]; c++) {
                String suffix = (b + 1) + "_" + c;
                layers.add(new Layer("conv" + suffix, LayerKind.CONV));
                layers.add(new Layer("relu" + suffix, LayerKind.RELU));
            }
            layers.add(new Layer("pool" + (b + 1), LayerKind.POOL));
        }
        return Collections.unmodifiableList(layers);
    }

    /** All 37 layers in order. */
    public static List<Layer> layers() { return LAYERS; }

    /**
     * Position of {@code name} in {@link #layers()}, which is also its index in torchvision's
     * {@code vgg19().features}.
     *
     * @throws NoSuchElementException if VGG19 has no such layer
     */
    public static int position(String name) {
        for (int i = 0; i < LAYERS.size(); i++) if (LAYERS.get(i).name().equals(name)) return i;
        throw new NoSuchElementException("unknown VGG19 layer '" + name + "'");
    }
}
