package dev.photostyle.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostStagingTest {
    private static float[] random(int n, long seed) {
        Random rnd = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = rnd.nextFloat() - 0.5f;
        return out;
    }

    @Test
    void readsContiguousAndStridedTensorsInRowMajorOrder() {
        HostStaging staging = new HostStaging();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(random(24, 1), new Shape(2, 3, 4));
            float[] into = new float[24];
            assertSame(into, staging.read(x, into), "a buffer of the right length is filled, not replaced");
            assertArrayEquals(x.toFloatArray(), into);
            NDArray strided = x.transpose(2, 0, 1); // not contiguous: read must not take the raw memory order
            assertArrayEquals(strided.toFloatArray(), staging.read(strided, null));
            assertEquals(24, staging.read(x, new float[5]).length, "a buffer of the wrong length is replaced");
            assertThrows(IllegalArgumentException.class, () -> staging.read(x.toType(DataType.FLOAT64, false), null));
        }
    }

    /** The engine must own an upload: the next upload rewrites the staging buffer. */
    @Test
    void anUploadIsIndependentOfTheNextOne() {
        HostStaging staging = new HostStaging();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = random(12, 2);
            float[] b = random(12, 3);
            Shape s = new Shape(3, 4);
            NDArray first = staging.upload(a, s, m, Device.cpu());
            NDArray second = staging.upload(b, s, m, Device.cpu());
            NDArray bigger = staging.upload(random(40, 4), new Shape(40), m, Device.cpu()); // a new buffer
            assertArrayEquals(a, first.toFloatArray());
            assertArrayEquals(b, second.toFloatArray());
            assertEquals(40, bigger.size());
            assertEquals(s, first.getShape());
            assertEquals(DataType.FLOAT32, first.getDataType());
            assertThrows(IllegalArgumentException.class, () -> staging.upload(a, new Shape(5), m, Device.cpu()));
        }
    }
}
