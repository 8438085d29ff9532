package dev.photostyle.features;

import dev.photostyle.mask.LayerKind;

/**
 * One layer of VGG19's feature stack, named as in the paper.
 *
 * @param name        e.g. {@code conv1_1}, {@code relu4_2}, {@code pool3}
 * @param kind        conv, relu or pool
 * @param index       position in torchvision's {@code vgg19().features}
 * @param inChannels  input channels (conv only, else 0)
 * @param outChannels output channels (conv only, else 0)
 */
public record VggLayer(String name, LayerKind kind, int index, int inChannels, int outChannels) {}
