package dev.photostyle.features;

/** What a VGG layer does. */
public enum LayerKind { CONV, RELU, POOL }
