package dev.photostyle.io.weights;

/**
 * A storage referenced from a checkpoint's pickle by persistent id, whose bytes are read later
 * (after the pickle in the legacy format, from a zip entry in the new one).
 *
 * <p>Legacy checkpoints may reference a <em>view</em> of a root storage ({@code view_metadata});
 * then {@link #root} is the storage that owns the bytes and {@link #offset} the view's first element.
 */
final class TorchStorage {
    final String key;
    final StorageType type;
    final long numel;
    final TorchStorage root;
    final long offset;
    /** The decoded elements of a root storage; null until loaded. */
    float[] data;

    private TorchStorage(String key, StorageType type, long numel, TorchStorage root, long offset) {
        this.key = key;
        this.type = type;
        this.numel = numel;
        this.root = root;
        this.offset = offset;
    }

    static TorchStorage root(String key, StorageType type, long numel) {
        return new TorchStorage(key, type, numel, null, 0);
    }

    TorchStorage view(String viewKey, long viewOffset, long viewNumel) {
        return new TorchStorage(viewKey, type, viewNumel, this, viewOffset);
    }

    /** The decoded elements of the owning root storage. */
    float[] rootData() {
        return root == null ? data : root.rootData();
    }

    /** Element offset of this storage within {@link #rootData()}. */
    long rootOffset() {
        return root == null ? 0 : root.rootOffset() + offset;
    }
}
