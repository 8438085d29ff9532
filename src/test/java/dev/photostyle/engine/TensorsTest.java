package dev.photostyle.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.testing.NativeScribble;
import org.junit.jupiter.api.Test;

class TensorsTest {
    /**
     * The gradient of a scaled value, read in a backward pass after a garbage collection that
     * follows the forward pass (the case {@code x.mul(Number)} gets wrong in DJL 0.33, see
     * {@link Tensors#scale}): exactly the factor.
     */
    @Test
    void scaleKeepsItsGradientAcrossAGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray x = m.create(new float[] {1, 2, 3}, new Shape(3)).toType(type, false);
                float[] g = NativeScribble.gradient(x, v -> Tensors.scale(v, 0.375).sum(), true);
                for (float v : g) assertEquals(0.375, v, 0.0, type.toString()); // 0.375 is exact in float32
            }
        }
    }

    @Test
    void scaleEqualsMulByTheSameNumber() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0.1f, -7.3f, 1e-20f, 3e30f});
            float[] want = x.mul(1e4 / 3).toFloatArray();
            float[] got = Tensors.scale(x, 1e4 / 3).toFloatArray();
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 0f);
            assertEquals(DataType.FLOAT32, Tensors.scale(x, 2.5).getDataType());
        }
    }

    /**
     * A host constant made engine-owned in its own type, in another type, or already in both: the
     * values survive the host buffer being freed and scribbled over, and the host array is closed.
     */
    @Test
    void ownedConstantOutlivesItsHostBuffer() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = {1.5, -2.25, 0.078125, 7}; // all exact in float32
            for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                NDArray host = m.create(v, new Shape(2, 2));
                NDArray owned = Tensors.owned(host, type, m.getDevice());
                assertEquals(true, host.isReleased(), type.toString());
                host = null;
                Object held = NativeScribble.collectAndScribble();
                double[] got = owned.toType(DataType.FLOAT64, false).toDoubleArray();
                java.lang.ref.Reference.reachabilityFence(held);
                assertEquals(type, owned.getDataType());
                for (int i = 0; i < v.length; i++) assertEquals(v[i], got[i], 0.0, type + " element " + i);
            }
        }
    }

    @Test
    void constantIsAFloat64Scalar() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = Tensors.constant(m, 0.1);
            assertEquals(new Shape(), c.getShape());
            assertEquals(0.1, c.getDouble(), 0.0);
        }
    }
}
