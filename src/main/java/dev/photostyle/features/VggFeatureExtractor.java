package dev.photostyle.features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.weights.WeightTensor;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an image through VGG19 and returns the activations of the requested layers.
 *
 * <p>Input: RGB in [0, 1], shape (N, 3, H, W). The extractor applies the preprocessing that the
 * weights expect (see {@link VggWeights.Layout}), so callers never deal with BGR or ImageNet means.
 * Activations are built from differentiable engine ops, so gradients flow back to the input.
 *
 * <pre>{@code
 * try (VggFeatureExtractor vgg = VggFeatureExtractor.load(VggWeights.from(stateDict), Device.cpu())) {
 *     Map<String, NDArray> f = vgg.extract(image, List.of("relu1_1", "relu2_1"));
 * }
 * }</pre>
 * The weights live in the extractor's own manager; results belong to the input's manager.
 */
public final class VggFeatureExtractor implements AutoCloseable {
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final NDManager manager;
    private final VggWeights weights;
    private final NDArray preWeight;
    private final NDArray preBias;
    private final NDArray mean;
    private final NDArray std;
    private final Map<String, NDArray[]> convs = new LinkedHashMap<>();
    private final boolean reflectPadding;
    /** Reflection-padding gather index per feature-map size, in {@link #manager}: building it on the host for
     *  every convolution of every evaluation cost ~2 ms a convolution at 256 px, most of it the JVM faulting
     *  in fresh heap for the index array. A few sizes recur (one per layer and pyramid level); the least
     *  recently used is closed past {@link #PAD_INDEX_SIZES}. */
    private final Map<Long, NDArray> padIndices = new LinkedHashMap<>(16, 0.75f, true);
    private static final int PAD_INDEX_SIZES = 32;

    private VggFeatureExtractor(VggWeights weights, Device device) {
        this.weights = weights;
        this.manager = NDManager.newBaseManager(device);
        this.manager.setName("vgg-weights");
        if (weights.layout() == VggWeights.Layout.NORMALISED) {
            preWeight = tensor(weights.preprocess().weight());
            preBias = tensor(weights.preprocess().bias());
            mean = null;
            std = null;
        } else {
            preWeight = null;
            preBias = null;
            mean = manager.create(IMAGENET_MEAN, new Shape(1, 3, 1, 1));
            std = manager.create(IMAGENET_STD, new Shape(1, 3, 1, 1));
        }
        reflectPadding = weights.layout() == VggWeights.Layout.NORMALISED;
        for (VggWeights.Conv c : weights.convLayers().values()) {
            convs.put(c.layer(), new NDArray[] {tensor(c.weight()), tensor(c.bias())});
        }
    }

    /** Uploads {@code weights} to {@code device}. */
    public static VggFeatureExtractor load(VggWeights weights, Device device) {
        return new VggFeatureExtractor(weights, device);
    }

    private NDArray tensor(WeightTensor t) {
        return manager.create(t.data(), new Shape(t.shape()));
    }

    /** The weights this extractor runs. */
    public VggWeights weights() { return weights; }

    /** The device the weights live on. */
    public Device device() { return manager.getDevice(); }

    /** Every layer name these weights can produce. */
    public List<String> availableLayers() { return weights.availableLayers(); }

    /**
     * Activations of {@code layers} for {@code rgb} (N, 3, H, W) in [0, 1]. Runs the network only as
     * deep as the deepest requested layer.
     *
     * @throws IllegalArgumentException naming the available layers if one is missing
     */
    public Map<String, NDArray> extract(NDArray rgb, Collection<String> layers) {
        if (rgb.getShape().dimension() != 4 || rgb.getShape().get(1) != 3) {
            throw new IllegalArgumentException("expected (N,3,H,W) RGB input, got " + rgb.getShape());
        }
        weights.requireLayers(layers);
        Set<String> wanted = new HashSet<>(layers);
        int deepest = -1;
        for (String l : layers) deepest = Math.max(deepest, Vgg19.position(l));
        List<VggLayer> path = Vgg19.layers().subList(0, deepest + 1);
        List<String> names = new java.util.ArrayList<>();
        for (VggLayer layer : path) if (wanted.contains(layer.name())) names.add(layer.name());
        final int last = deepest;
        // Every intermediate that is not a requested layer is closed as soon as the next one exists:
        // DJL would keep each until the input's manager closes (at 1024 px, about 1.5 GB of
        // activations to relu3_1 per extraction). Autograd keeps its own references to what the
        // backward pass needs, so closing the handles frees only what nothing reads again (the
        // pre-activation convolution outputs, the padded copies once their convolution has run
        // without a graph).
        NDArray[] kept = TensorScope.keepAll(() -> {
            NDArray[] res = new NDArray[names.size()];
            NDArray x = preprocess(rgb);
            int next = 0;
            for (int i = 0; i <= last; i++) {
                VggLayer layer = path.get(i);
                NDArray y = switch (layer.kind()) {
                    case CONV -> conv(x, layer.name());
                    case RELU -> Activation.relu(x);
                    case POOL -> Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                };
                if (next == 0 || res[next - 1] != x) x.close();
                x = y;
                if (next < res.length && names.get(next).equals(layer.name())) res[next++] = x;
            }
            return res;
        });
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) out.put(names.get(i), kept[i]);
        return out;
    }

    private NDArray preprocess(NDArray rgb) {
        if (preWeight != null) {
            return Conv2d.conv2d(rgb, preWeight, preBias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                    .singletonOrThrow();
        }
        return rgb.sub(mean).div(std);
    }

    private NDArray conv(NDArray x, String layer) {
        NDArray[] wb = convs.get(layer);
        if (reflectPadding) {
            // The padded copy (and its index) closed right away; autograd keeps it if it needs it.
            NDArray index = padIndex((int) x.getShape().get(2), (int) x.getShape().get(3));
            return TensorScope.keep(() -> Conv2d.conv2d(reflectPad1(x, index), wb[0], wb[1], new Shape(1, 1),
                    new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow());
        }
        return Conv2d.conv2d(x, wb[0], wb[1], new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * Reflection padding by one pixel on each side (Torch's SpatialReflectionPadding(1,1,1,1)):
     * (N, C, H, W) -> (N, C, H + 2, W + 2), as a single gather over the flattened pixels. Slicing
     * the borders and concatenating costs several full-size copies and zero-filled gradients per
     * layer, about a third of a 3x3 convolution's time on the CPU; one gather and its scatter-add
     * backward cost a third of that.
     */
    static NDArray reflectPad1(NDArray x) {
        Shape s = x.getShape();
        return reflectPad1(x, indexTensor(x.getManager(), s.get(2), s.get(3)));
    }

    /**
     * The (1, 1, (H + 2)(W + 2)) index of {@link #reflectIndex} in {@code manager}, engine-owned: gather
     * saves its index for the backward pass, and an array made from host data wraps a direct buffer
     * that dies with its handle (closed with the scope, before backward).
     */
    private static NDArray indexTensor(NDManager manager, long h, long w) {
        checkPaddable(h, w);
        return Tensors.owned(manager.create(reflectIndex((int) h, (int) w), new Shape(1, 1, (h + 2) * (w + 2))));
    }

    /** {@link #reflectPad1(NDArray)} with the (1, 1, (H + 2)(W + 2)) index of {@link #reflectIndex} given. */
    static NDArray reflectPad1(NDArray x, NDArray index) {
        Shape s = x.getShape();
        checkPaddable(s.get(2), s.get(3));
        long n = s.get(0);
        long c = s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        long padded = (long) (h + 2) * (w + 2);
        return x.reshape(n, c, (long) h * w).gather(index.broadcast(n, c, padded), 2).reshape(n, c, h + 2, w + 2);
    }

    private static void checkPaddable(long h, long w) {
        if (h < 2 || w < 2) {
            throw new IllegalArgumentException("image too small for VGG at this depth: feature map " + h + "x" + w);
        }
    }

    /** The cached padding index of an h x w feature map, on this extractor's device; not in any NDScope. */
    private NDArray padIndex(int h, int w) {
        synchronized (padIndices) {
            long key = ((long) h << 32) | w;
            NDArray index = padIndices.get(key);
            if (index == null) {
                index = indexTensor(manager, h, w);
                ai.djl.ndarray.NDScope.unregister(index); // lives with the extractor, not with the caller's scope
                padIndices.put(key, index);
                if (padIndices.size() > PAD_INDEX_SIZES) {
                    var eldest = padIndices.entrySet().iterator();
                    eldest.next().getValue().close(); // a graph that gathered with it holds its own reference
                    eldest.remove();
                }
            }
            return index;
        }
    }

    /** Flat source pixel of each pixel of the padded (h + 2) x (w + 2) map, row-major: −1 -> 1, h -> h − 2. */
    static long[] reflectIndex(int h, int w) {
        long[] out = new long[(h + 2) * (w + 2)];
        for (int y = 0; y < h + 2; y++) {
            int sy = y == 0 ? 1 : y == h + 1 ? h - 2 : y - 1;
            for (int x = 0; x < w + 2; x++) {
                int sx = x == 0 ? 1 : x == w + 1 ? w - 2 : x - 1;
                out[y * (w + 2) + x] = (long) sy * w + sx;
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
