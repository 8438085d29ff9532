package dev.photostyle.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.photostyle.io.weights.StateDict;
import dev.photostyle.io.weights.WeightTensor;
import dev.photostyle.testing.TestWeights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VggFeatureExtractorTest {
    /** Plain-Java 3x3 convolution of one output channel with the given padding mode, then ReLU. */
    private static double reference(float[] img, int c, int h, int w, WeightTensor wt, WeightTensor b, int oc,
            int y, int x, boolean reflect) {
        double s = b.data()[oc];
        for (int ic = 0; ic < c; ic++) {
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    int yy = y + ky - 1;
                    int xx = x + kx - 1;
                    if (reflect) {
                        yy = yy < 0 ? -yy : yy >= h ? 2 * h - 2 - yy : yy;
                        xx = xx < 0 ? -xx : xx >= w ? 2 * w - 2 - xx : xx;
                    } else if (yy < 0 || yy >= h || xx < 0 || xx >= w) {
                        continue;
                    }
                    s += wt.data()[((oc * c + ic) * 3 + ky) * 3 + kx] * img[(ic * h + yy) * w + xx];
                }
            }
        }
        return Math.max(0, s);
    }

    /** The "normalised" layout (key 0: RGB in [0, 1] to BGR x 255 minus the means) around conv1_1 of {@code named}. */
    private static VggWeights normalised(StateDict named) {
        Map<String, WeightTensor> m = new LinkedHashMap<>();
        float[] pre = {0, 0, 255, 0, 255, 0, 255, 0, 0}; // RGB -> BGR x 255
        m.put("0.weight", new WeightTensor("0.weight", new long[] {3, 3, 1, 1}, pre));
        m.put("0.bias", new WeightTensor("0.bias", new long[] {3}, new float[] {-103.9f, -116.8f, -123.7f}));
        m.put("2.weight", named.get("conv1_1.weight"));
        m.put("2.bias", named.get("conv1_1.bias"));
        return VggWeights.from(new StateDict(m));
    }

    /**
     * The extractor caches the padding index per feature-map size and closes the least recently
     * used past a bound. Features at a size whose index was evicted and rebuilt, and the gradient of
     * a graph built before its index was evicted, equal those of a fresh extractor exactly.
     */
    @Test
    void paddingIndexCacheEvictionChangesNoFeatureOrGradient() {
        VggWeights vw = normalised(TestWeights.upTo("conv1_1", 3));
        Random r = new Random(7);
        float[] img = new float[3 * 5 * 6];
        for (int i = 0; i < img.length; i++) img[i] = r.nextFloat();
        Shape s = new Shape(1, 3, 5, 6);
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, Device.cpu());
                VggFeatureExtractor fresh = VggFeatureExtractor.load(vw, Device.cpu());
                NDManager nm = NDManager.newBaseManager()) {
            float[][] got = featuresAndGradient(vgg, nm.create(img, s), () -> {
                for (int k = 0; k < 40; k++) { // more sizes than the cache keeps: 5 x 6 is evicted
                    try (NDManager other = nm.newSubManager()) {
                        vgg.extract(other.ones(new Shape(1, 3, 3 + k, 4)), List.of("relu1_1"));
                    }
                }
                System.gc();
            });
            float[] again = vgg.extract(nm.create(img, s), List.of("relu1_1")).get("relu1_1").toFloatArray();
            float[][] want = featuresAndGradient(fresh, nm.create(img, s), () -> { });
            org.junit.jupiter.api.Assertions.assertArrayEquals(want[0], got[0]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(want[0], again);
            org.junit.jupiter.api.Assertions.assertArrayEquals(want[1], got[1]);
        }
    }

    /** relu1_1 of x, and the gradient of its sum of squares, with {@code between} run before the backward pass. */
    private static float[][] featuresAndGradient(VggFeatureExtractor vgg, NDArray x, Runnable between) {
        x.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray f = vgg.extract(x, List.of("relu1_1")).get("relu1_1");
            float[] features = f.toFloatArray();
            between.run();
            gc.backward(f.square().sum());
            return new float[][] {features, x.getGradient().toFloatArray()};
        }
    }

    @Test
    void normalisedLayoutMatchesPlainConvolutionWithReflectionPadding() {
        StateDict named = TestWeights.upTo("conv1_1", 3);
        VggWeights vw = normalised(named);
        assertEquals(VggWeights.Layout.NORMALISED, vw.layout());
        int h = 5;
        int w = 6;
        float[] img = new float[3 * h * w];
        Random r = new Random(1);
        for (int i = 0; i < img.length; i++) img[i] = r.nextFloat();
        float[] bgr = new float[img.length];
        float[] mean = {103.9f, 116.8f, 123.7f};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) bgr[c * h * w + i] = img[(2 - c) * h * w + i] * 255 - mean[c];
        }
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, Device.cpu());
                NDManager nm = NDManager.newBaseManager()) {
            NDArray f = vgg.extract(nm.create(img, new Shape(1, 3, h, w)), List.of("relu1_1")).get("relu1_1");
            assertEquals(new Shape(1, 64, h, w), f.getShape());
            float[] got = f.toFloatArray();
            for (int oc : new int[] {0, 17, 63}) {
                for (int[] p : new int[][] {{0, 0}, {2, 3}, {4, 5}, {0, 5}}) {
                    double want = reference(bgr, 3, h, w, named.get("conv1_1.weight"), named.get("conv1_1.bias"),
                            oc, p[0], p[1], true);
                    assertEquals(want, got[(oc * h + p[0]) * w + p[1]], 1e-3 * Math.max(1, Math.abs(want)));
                }
            }
        }
    }

    @Test
    void torchvisionLayoutUsesImagenetNormalisationAndZeroPadding() {
        StateDict named = TestWeights.upTo("conv1_1", 4);
        Map<String, WeightTensor> m = new LinkedHashMap<>();
        m.put("features.0.weight", named.get("conv1_1.weight"));
        m.put("features.0.bias", named.get("conv1_1.bias"));
        VggWeights vw = VggWeights.from(new StateDict(m));
        assertEquals(VggWeights.Layout.TORCHVISION, vw.layout());
        int h = 4;
        int w = 4;
        float[] img = new float[3 * h * w];
        Random r = new Random(2);
        for (int i = 0; i < img.length; i++) img[i] = r.nextFloat();
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        float[] norm = new float[img.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) norm[c * h * w + i] = (img[c * h * w + i] - mean[c]) / std[c];
        }
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, Device.cpu());
                NDManager nm = NDManager.newBaseManager()) {
            float[] got = vgg.extract(nm.create(img, new Shape(1, 3, h, w)), List.of("relu1_1")).get("relu1_1")
                    .toFloatArray();
            for (int oc : new int[] {1, 40}) {
                for (int[] p : new int[][] {{0, 0}, {3, 3}, {1, 2}}) {
                    double want = reference(norm, 3, h, w, named.get("conv1_1.weight"), named.get("conv1_1.bias"),
                            oc, p[0], p[1], false);
                    assertEquals(want, got[(oc * h + p[0]) * w + p[1]], 1e-4 * Math.max(1, Math.abs(want)));
                }
            }
        }
    }

    @Test
    void missingLayerErrorNamesTheAvailableOnes() {
        VggWeights vw = VggWeights.from(TestWeights.upTo("conv2_1", 5));
        assertEquals(List.of("conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1", "conv2_1", "relu2_1"),
                vw.availableLayers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vw.requireLayers(List.of("relu4_2")));
        assertTrue(e.getMessage().contains("relu4_2") && e.getMessage().contains("relu2_1"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> vw.requireLayers(List.of("relu9_9")));
        assertTrue(u.getMessage().contains("unknown"), u.getMessage());
    }

    @Test
    void layerNamesFollowThePaper() {
        assertEquals(37, Vgg19.layers().size());
        assertEquals("relu4_2", Vgg19.layers().get(22).name());
        assertEquals(21, Vgg19.layer("conv4_2").index());
        assertEquals("pool5", Vgg19.layers().get(36).name());
    }

    @Test
    void reflectionPaddingMatchesPlainLoopsAndPassesGradients() {
        int n = 2;
        int c = 2;
        int h = 3;
        int w = 4;
        try (NDManager nm = NDManager.newBaseManager()) {
            double[] d = new double[n * c * h * w];
            Random r = new Random(3);
            for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
            NDArray x = nm.create(d, new Shape(n, c, h, w));
            NDArray p = VggFeatureExtractor.reflectPad1(x);
            assertEquals(new Shape(n, c, h + 2, w + 2), p.getShape());
            double[] got = p.toDoubleArray();
            for (int b = 0; b < n * c; b++) {
                for (int y = -1; y <= h; y++) {
                    for (int xx = -1; xx <= w; xx++) {
                        int sy = y < 0 ? -y : y >= h ? 2 * (h - 1) - y : y; // reflect: -1 -> 1, h -> h-2
                        int sx = xx < 0 ? -xx : xx >= w ? 2 * (w - 1) - xx : xx;
                        assertEquals(d[(b * h + sy) * w + sx], got[(b * (h + 2) + y + 1) * (w + 2) + xx + 1], 0.0);
                    }
                }
            }
            // Border pixels feed several padded ones: the scatter-add backward must sum them.
            dev.photostyle.testing.GradientCheck.check(x,
                    v -> VggFeatureExtractor.reflectPad1(v).square().mul(nm.create(weights(n * c * (h + 2) * (w + 2)),
                            new Shape(n, c, h + 2, w + 2))).sum(), 1e-6);
            assertThrows(IllegalArgumentException.class,
                    () -> VggFeatureExtractor.reflectPad1(nm.zeros(new Shape(1, 1, 1, 4))));
        }
    }

    /**
     * Extraction closes every intermediate that is not a requested layer (memory: at 1024 px about
     * 1.5 GB per extraction stayed alive until the input's manager closed). Closing must not change
     * features or gradients: compared bit for bit with the same ops left open, with a GC between
     * forward and backward (a closed host-made array read by the backward pass shows up there).
     */
    @Test
    void closingIntermediatesKeepsFeaturesAndGradientsAndFreesThem() {
        StateDict named = TestWeights.upTo("conv2_1", 7);
        Map<String, WeightTensor> sd = new LinkedHashMap<>();
        sd.put("0.weight", new WeightTensor("0.weight", new long[] {3, 3, 1, 1}, new float[] {0, 0, 255, 0, 255, 0, 255, 0, 0}));
        sd.put("0.bias", new WeightTensor("0.bias", new long[] {3}, new float[] {-103.9f, -116.8f, -123.7f}));
        String[] convs = {"conv1_1", "conv1_2", "conv2_1"};
        for (int i = 0; i < convs.length; i++) {
            sd.put((2 + i) + ".weight", named.get(convs[i] + ".weight"));
            sd.put((2 + i) + ".bias", named.get(convs[i] + ".bias"));
        }
        VggWeights vw = VggWeights.from(new StateDict(sd));
        assertEquals(VggWeights.Layout.NORMALISED, vw.layout()); // reflection padding: the gather whose index backward reads
        int h = 12;
        int w = 10;
        float[] img = new float[3 * h * w];
        Random r = new Random(4);
        for (int i = 0; i < img.length; i++) img[i] = r.nextFloat();
        List<String> layers = List.of("relu1_1", "relu2_1");
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, Device.cpu());
                NDManager nm = NDManager.newBaseManager()) {
            float[][] got = run(nm, img, h, w, x -> vgg.extract(x, layers), true);
            float[][] want = run(nm, img, h, w, x -> openExtract(vgg, x), false);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i].length, got[i].length);
                for (int j = 0; j < got[i].length; j++) assertEquals(want[i][j], got[i][j], 0.0, "array " + i + " at " + j);
            }
        }
    }

    /** relu1_1 and relu2_1 features and the input gradient of a weighted sum of both, as float arrays. */
    private static float[][] run(NDManager parent, float[] img, int h, int w,
            java.util.function.Function<NDArray, Map<String, NDArray>> extract, boolean checkClosed) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.create(img, new Shape(1, 3, h, w));
            x.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                Map<String, NDArray> f = extract.apply(x);
                if (checkClosed) {
                    // x, its gradient and the two features: nothing else of the forward pass is left open.
                    assertTrue(m.getManagedArrays().size() <= 4, "open arrays: " + m.getManagedArrays().size());
                }
                NDArray a = f.get("relu1_1");
                NDArray b = f.get("relu2_1");
                NDArray loss = a.square().sum().add(b.mul(b.getManager().create(0.5f)).sum());
                System.gc();
                gc.backward(loss);
                return new float[][] {a.toFloatArray(), b.toFloatArray(), x.getGradient().toFloatArray()};
            }
        }
    }

    /** The extraction as before: the same ops, every intermediate left open until the manager closes. */
    private static Map<String, NDArray> openExtract(VggFeatureExtractor vgg, NDArray rgb) {
        VggWeights.Conv pre = vgg.weights().preprocess();
        NDManager m = rgb.getManager();
        NDArray x = ai.djl.nn.convolutional.Conv2d.conv2d(rgb, m.create(pre.weight().data(), new Shape(pre.weight().shape())),
                m.create(pre.bias().data(), new Shape(pre.bias().shape())), new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow();
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (VggLayer layer : Vgg19.layers().subList(0, Vgg19.position("relu2_1") + 1)) {
            if (layer.kind() == dev.photostyle.mask.LayerKind.CONV) {
                VggWeights.Conv c = vgg.weights().convLayers().get(layer.name());
                x = ai.djl.nn.convolutional.Conv2d.conv2d(VggFeatureExtractor.reflectPad1(x),
                        m.create(c.weight().data(), new Shape(c.weight().shape())),
                        m.create(c.bias().data(), new Shape(c.bias().shape())), new Shape(1, 1), new Shape(0, 0),
                        new Shape(1, 1), 1).singletonOrThrow();
            } else if (layer.kind() == dev.photostyle.mask.LayerKind.RELU) {
                x = ai.djl.nn.Activation.relu(x);
            } else {
                x = ai.djl.nn.pooling.Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            if (layer.name().equals("relu1_1") || layer.name().equals("relu2_1")) out.put(layer.name(), x);
        }
        return out;
    }

    private static double[] weights(int len) {
        double[] out = new double[len];
        for (int i = 0; i < len; i++) out[i] = 1 + 0.1 * (i % 7);
        return out;
    }

    @Test
    void channelsFollowTheBlocks() {
        // torchvision vgg19: 3->64, 64->64 | 64->128 ... | 256->512 ... | 512->512 ...
        assertEquals(3, Vgg19.layer("conv1_1").inChannels());
        assertEquals(64, Vgg19.layer("conv1_1").outChannels());
        assertEquals(64, Vgg19.layer("conv2_1").inChannels());
        assertEquals(128, Vgg19.layer("conv2_1").outChannels());
        assertEquals(256, Vgg19.layer("conv4_1").inChannels());
        assertEquals(512, Vgg19.layer("conv4_1").outChannels());
        assertEquals(512, Vgg19.layer("conv5_4").inChannels());
        assertEquals(0, Vgg19.layer("pool3").outChannels());
        for (int i = 0; i < Vgg19.layers().size(); i++) assertEquals(i, Vgg19.layers().get(i).index());
    }
}
