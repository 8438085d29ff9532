package dev.photostyle.mask;

/** What a VGG layer does to the spatial grid: convolve 3x3, act per pixel, or pool 2x2. */
public enum LayerKind { CONV, RELU, POOL }
