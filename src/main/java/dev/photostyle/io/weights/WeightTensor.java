package dev.photostyle.io.weights;

import java.util.Arrays;

/**
 * One named float32 tensor of a state dict, on the host, in row-major (C) order.
 *
 * @param name  key in the state dict, e.g. {@code features.0.weight}
 * @param shape dimensions, outermost first, e.g. {@code [64, 3, 3, 3]} for a conv weight
 * @param data  {@code product(shape)} values
 */
public record WeightTensor(String name, long[] shape, float[] data) {
    public WeightTensor {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape)
                    + " but " + data.length + " values");
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() { return shape.clone(); }

    @Override
    public String toString() { return name + Arrays.toString(shape); }
}
