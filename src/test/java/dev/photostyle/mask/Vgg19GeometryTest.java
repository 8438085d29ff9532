package dev.photostyle.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

class Vgg19GeometryTest {
    @Test
    void sixteenConvsAndFivePoolsInTorchvisionOrder() {
        assertEquals(37, Vgg19Geometry.layers().size());
        assertEquals(16, Vgg19Geometry.layers().stream().filter(l -> l.kind() == LayerKind.CONV).count());
        assertEquals(5, Vgg19Geometry.layers().stream().filter(l -> l.kind() == LayerKind.POOL).count());
        assertEquals(0, Vgg19Geometry.position("conv1_1"));
        assertEquals(4, Vgg19Geometry.position("pool1"));
        assertEquals(22, Vgg19Geometry.position("relu4_2"));
        assertEquals(new Vgg19Geometry.Layer("pool5", LayerKind.POOL), Vgg19Geometry.layers().get(36));
    }

    @Test
    void unknownLayerNamesTheLayer() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> Vgg19Geometry.position("relu9_9"));
        assertEquals("unknown VGG19 layer 'relu9_9'", e.getMessage());
    }
}
