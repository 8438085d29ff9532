package dev.photostyle.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.io.weights.WeightFiles;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.Palette;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.optim.IterationRecord;
import dev.photostyle.testing.SharedData;

import java.util.List;

import org.junit.jupiter.api.Test;

/** End to end on DPST pair 1 at 96 px with the shared (real) VGG weights. */
class SharedPairTransferTest {
    @Test
    void lossFallsRegionsChangeAndAnOrphanLabelKeepsTheContent() throws Exception {
        FloatImage content = ImageFiles.read(SharedData.dpst("input/in1.png"));
        FloatImage style = ImageFiles.read(SharedData.dpst("style/tar1.png"));
        LabelMap cm = MaskFiles.read(SharedData.dpst("segmentation/in1.png"));
        LabelMap sm = MaskFiles.read(SharedData.dpst("segmentation/tar1.png"));
        // Make "green" (the water) an orphan: the style mask no longer has it (its pixels become purple).
        int grey = Palette.labelOf("green");
        int purple = Palette.labelOf("purple");
        assertTrue(cm.counts().containsKey(grey) && sm.counts().containsKey(grey), "pair 1 uses green in both masks");
        int[] s = sm.toArray();
        for (int i = 0; i < s.length; i++) if (s[i] == grey) s[i] = purple;
        LabelMap smOrphan = LabelMap.of(sm.width(), sm.height(), s, Palette.names());

        TransferConfig cfg = TransferConfig.builder().size(96).contentLayers(List.of("relu3_1"))
                .styleLayers(List.of("relu1_1", "relu2_1", "relu3_1")).iterations(12).build();
        VggWeights w = VggWeights.from(WeightFiles.read(SharedData.vggWeights()));
        TransferResult r;
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(w, Device.cpu())) {
            r = new StyleTransfer(vgg).run(new TransferInputs(content, style, cm, smOrphan, null), cfg,
                    IterationListener.NONE);
        }
        List<IterationRecord> h = r.history();
        assertTrue(r.bestValue() < 0.7 * h.get(0).value(), "loss " + h.get(0).value() + " -> " + r.bestValue());
        assertEquals(h.stream().mapToDouble(IterationRecord::value).min().orElseThrow(), r.bestValue(), 0.0);
        assertTrue(r.match().orphans().contains(grey));

        float[] out = r.image().toArray();
        float[] in = r.content().toArray();
        LabelMap mask = r.contentMask();
        int n = mask.width() * mask.height();
        int orphanPixels = 0;
        double change = 0;
        int changedPixels = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                if (mask.labelAt(i) == grey) {
                    assertEquals(in[c * n + i], out[c * n + i], 0f, "orphan pixel " + i + " was repainted");
                } else {
                    change += Math.abs(out[c * n + i] - in[c * n + i]);
                }
            }
            if (mask.labelAt(i) == grey) orphanPixels++;
            else changedPixels++;
        }
        assertTrue(orphanPixels > 50, "too few orphan pixels to test: " + orphanPixels);
        assertTrue(change / (3.0 * changedPixels) > 0.02, "styled regions barely changed: " + change / (3.0 * changedPixels));
    }
}
