package dev.photostyle.io.weights;

import java.util.Arrays;

/**
 * A tensor as pickled by {@code torch._utils._rebuild_tensor_v2}: a window of a storage given by
 * an element offset, a size and a stride. It becomes a {@link WeightTensor} once the storage's
 * bytes are loaded.
 */
final class TorchTensor {
    final TorchStorage storage;
    final long offset;
    final long[] size;
    final long[] stride;

    TorchTensor(TorchStorage storage, long offset, long[] size, long[] stride) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("tensor size " + Arrays.toString(size)
                    + " and stride " + Arrays.toString(stride) + " differ in rank");
        }
        this.storage = storage;
        this.offset = offset;
        this.size = size;
        this.stride = stride;
    }

    long numel() {
        long n = 1;
        for (long d : size) n *= d;
        return n;
    }

    /**
     * Copies the elements out of the (loaded) storage. Only row-major contiguous layouts are
     * accepted: that is what {@code state_dict()} saves, and anything else is a sign of a tensor
     * that was a transposed view when saved.
     */
    WeightTensor materialise(String name) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                throw new IllegalArgumentException("tensor '" + name + "' is not contiguous (size "
                        + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + ")");
            }
            expected *= size[d];
        }
        long n = numel();
        if (offset < 0 || offset + n > storage.numel) {
            throw new IllegalArgumentException("tensor '" + name + "' (offset " + offset + ", " + n
                    + " elements) lies outside its storage of " + storage.numel + " elements");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + n + " elements, too many for one array");
        }
        float[] src = storage.rootData();
        if (src == null) throw new IllegalStateException("storage " + storage.key + " of tensor '" + name + "' was never loaded");
        int from = Math.toIntExact(storage.rootOffset() + offset);
        // Share the array when the tensor is its whole storage (the norm): saves a copy of
        // several hundred MB for VGG19's classifier weights.
        float[] data = from == 0 && n == src.length ? src : Arrays.copyOfRange(src, from, from + (int) n);
        return new WeightTensor(name, size, data);
    }
}
