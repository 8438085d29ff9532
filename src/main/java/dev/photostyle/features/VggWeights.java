package dev.photostyle.features;

import dev.photostyle.io.weights.StateDict;
import dev.photostyle.io.weights.WeightTensor;
import dev.photostyle.mask.LayerKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * VGG19 convolution weights taken out of a state dict, in any of the layouts we meet:
 *
 * <ul>
 *   <li>{@link Layout#TORCHVISION}: {@code features.N.weight/bias} (torchvision's
 *       {@code vgg19-dcbb9e9d.pth}); input is ImageNet-normalised RGB, zero padding.</li>
 *   <li>{@link Layout#NORMALISED}: numeric keys of a Torch7 {@code nn.Sequential} ("normalised"
 *       VGG of Li et al. / Huang and Belongie): key {@code 0} is a 1x1 conv that maps RGB in [0, 1]
 *       to mean-subtracted BGR x 255, the following numeric keys are the 3x3 convs in order, and
 *       the network pads by reflection.</li>
 *   <li>{@link Layout#NAMED}: {@code conv1_1.weight} etc.; treated like torchvision.</li>
 * </ul>
 * A file may stop early (the shared one ends at conv3_1); {@link #convLayers()} says how far it goes.
 */
public final class VggWeights {
    /** How the file names its tensors; it decides the preprocessing and the padding. */
    public enum Layout { TORCHVISION, NORMALISED, NAMED }

    /** One convolution's parameters. */
    public record Conv(String layer, WeightTensor weight, WeightTensor bias) {}

    private final Layout layout;
    private final Conv preprocess;
    private final Map<String, Conv> convs;

    private VggWeights(Layout layout, Conv preprocess, Map<String, Conv> convs) {
        this.layout = layout;
        this.preprocess = preprocess;
        this.convs = Collections.unmodifiableMap(convs);
    }

    /** Recognises the layout of {@code sd} and checks every tensor's shape against VGG19. */
    public static VggWeights from(StateDict sd) {
        List<VggLayer> convLayers = Vgg19.layers().stream().filter(l -> l.kind() == LayerKind.CONV).toList();
        Map<String, Conv> convs = new LinkedHashMap<>();
        if (sd.contains("features.0.weight")) {
            for (VggLayer l : convLayers) {
                String k = "features." + l.index();
                if (!sd.contains(k + ".weight")) break;
                convs.put(l.name(), conv(l, sd.get(k + ".weight"), sd.get(k + ".bias")));
            }
            return new VggWeights(Layout.TORCHVISION, null, convs);
        }
        if (sd.contains("conv1_1.weight")) {
            for (VggLayer l : convLayers) {
                if (!sd.contains(l.name() + ".weight")) break;
                convs.put(l.name(), conv(l, sd.get(l.name() + ".weight"), sd.get(l.name() + ".bias")));
            }
            return new VggWeights(Layout.NAMED, null, convs);
        }
        if (sd.contains("0.weight")) {
            WeightTensor pre = sd.get("0.weight");
            if (!Arrays.equals(pre.shape(), new long[] {3, 3, 1, 1})) {
                throw new IllegalArgumentException("weights look like a normalised VGG but key 0 has shape "
                        + Arrays.toString(pre.shape()) + ", expected [3, 3, 1, 1]");
            }
            TreeMap<Integer, String> numeric = new TreeMap<>();
            for (String name : sd.names()) {
                if (!name.endsWith(".weight")) continue;
                String head = name.substring(0, name.length() - ".weight".length());
                if (head.matches("\\d+") && !head.equals("0")) numeric.put(Integer.parseInt(head), head);
            }
            int i = 0;
            for (String head : numeric.values()) {
                if (i >= convLayers.size()) break;
                VggLayer l = convLayers.get(i++);
                convs.put(l.name(), conv(l, sd.get(head + ".weight"), sd.get(head + ".bias")));
            }
            WeightTensor preBias = sd.get("0.bias");
            if (preBias.data().length != 3) {
                throw new IllegalArgumentException("normalised VGG: bias of key 0 must have 3 values");
            }
            return new VggWeights(Layout.NORMALISED, new Conv("preprocess", pre, preBias), convs);
        }
        throw new IllegalArgumentException("weights are not a VGG19 state dict (no 'features.0.weight', "
                + "'conv1_1.weight' or normalised '0.weight'; file has " + first(sd) + ")");
    }

    private static String first(StateDict sd) {
        List<String> n = new ArrayList<>(sd.names());
        return n.size() <= 6 ? n.toString() : n.subList(0, 6) + " ...";
    }

    private static Conv conv(VggLayer l, WeightTensor w, WeightTensor b) {
        long[] want = {l.outChannels(), l.inChannels(), 3, 3};
        if (!Arrays.equals(w.shape(), want)) {
            throw new IllegalArgumentException("weight for " + l.name() + " (" + w.name() + ") has shape "
                    + Arrays.toString(w.shape()) + ", expected " + Arrays.toString(want));
        }
        if (b.data().length != l.outChannels()) {
            throw new IllegalArgumentException("bias for " + l.name() + " has " + b.data().length
                    + " values, expected " + l.outChannels());
        }
        return new Conv(l.name(), w, b);
    }

    public Layout layout() { return layout; }

    /** The 1x1 preprocessing conv of a normalised VGG, else null. */
    public Conv preprocess() { return preprocess; }

    /** Conv layer name -> parameters, in network order, as far as the file goes. */
    public Map<String, Conv> convLayers() { return convs; }

    /** Every layer (conv, relu, pool) that can be computed with these weights, in order. */
    public List<String> availableLayers() {
        List<String> out = new ArrayList<>();
        String lastConv = null;
        for (String c : convs.keySet()) lastConv = c;
        if (lastConv == null) return out;
        int lastPos = Vgg19.position(lastConv) + 1; // its relu too
        for (VggLayer l : Vgg19.layers().subList(0, Math.min(lastPos + 1, Vgg19.layers().size()))) {
            out.add(l.name());
        }
        return out;
    }

    /**
     * The layers of {@code wanted} that these weights can compute, in {@code wanted}'s order. Example:
     * {@code available(Vgg19.STYLE_LAYERS)} is {@code [relu1_1, relu2_1, relu3_1]} for weights that stop
     * at conv3_1.
     */
    public List<String> available(Collection<String> wanted) {
        List<String> have = availableLayers();
        return wanted.stream().filter(have::contains).toList();
    }

    /** Throws a clear error unless every requested layer is available. */
    public void requireLayers(Iterable<String> layers) {
        List<String> available = availableLayers();
        for (String name : layers) {
            try {
                Vgg19.layer(name);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unknown VGG19 layer '" + name + "'; available in these weights: "
                        + String.join(",", available));
            }
            if (!available.contains(name)) {
                throw new IllegalArgumentException("layer " + name + " is not in these weights (they stop at "
                        + available.get(available.size() - 1) + "); available: " + String.join(",", available));
            }
        }
    }
}
