package dev.photostyle.cli;

import dev.photostyle.options.TransferOptions;
import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.pipeline.PlateInputs;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.pipeline.PlateResult;
import dev.photostyle.pipeline.PlateTransfer;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferResult;
import dev.photostyle.transfer.TransferRun;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code photostyle transfer}: one content, one style, optional colour-coded masks. */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restyle a content image after a style image, region by region if masks are given.")
public final class TransferCommand implements Callable<Integer> {
    @Option(names = "--content", required = true, paramLabel = "FILE", description = "Content image (the plate).")
    Path content;

    @Option(names = "--style", required = true, paramLabel = "FILE", description = "Style image (the reference).")
    Path style;

    @Mixin
    MaskOptions masks;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Result image (.png, .jpg, .tif, .exr).")
    Path output;

    @Mixin
    TransferOptions options;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a JSON report (config, losses per iteration, best, timings).")
    Path report;

    @Option(names = "--snapshot-every", defaultValue = "0", paramLabel = "N",
            description = "Write OUTPUT-stem.iterNNNN.png every N iterations (default: never).")
    int snapshotEvery;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        var stage = options.outputStage(); // bad --post / --output-size: fail before any work
        Path initImage = options.initImage();
        OutputGuard.check(output, "output", content, style, masks.contentMask, masks.styleMask, options.weights().given(), initImage);
        OutputGuard.check(report, "report", content, style, masks.contentMask, masks.styleMask, options.weights().given(), initImage, output);
        PlateFormat.containerOf(output); // unsupported extension: fail before any work
        PlateInputs in = PlateInputs.read(content, style, masks.contentMask, masks.styleMask, initImage,
                options.maskKind(), stage);
        TransferConfig cfg = options.config(in.contentMask());
        VggWeights vw = options.weights().load();
        vw.requireLayers(cfg.allLayers());
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, options.device())) {
            PlateResult r;
            int planned = TransferRun.plannedIterations(cfg); // 0 for the closed form: nothing to count
            try (ProgressBar pb = quiet || planned == 0 ? null : Progress.bar("transfer", planned)) {
                r = new PlateTransfer(vgg).transfer(in, cfg, options.colour(), stage, listener(pb));
            }
            PlateOutput.write(r, output, report, Map.of("content", content.toString(), "style", style.toString(),
                    "weights", options.weights().resolve().toString()));
            TransferResult t = r.transfer();
            System.err.printf(Locale.ROOT, "photostyle: wrote %s (best loss %.6g at iteration %d of %d, %.3f s/iteration)%n",
                    output, t.bestValue(), t.bestIteration(), t.history().get(t.history().size() - 1).iteration(),
                    t.timings().getOrDefault("seconds_per_iteration", 0.0));
        }
        return 0;
    }

    private IterationListener listener(ProgressBar pb) {
        return (rec, img) -> {
            if (pb != null) {
                pb.stepTo(rec.iteration());
                pb.setExtraMessage(String.format(Locale.ROOT, "loss %.5g", rec.value()));
            }
            if (snapshotEvery > 0 && rec.iteration() > 0 && rec.iteration() % snapshotEvery == 0) {
                try {
                    PlateIO.write(Tensors.toImage(img), snapshotPath(rec.iteration()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot write snapshot: " + e.getMessage(), e);
                }
            }
            return true;
        };
    }

    private Path snapshotPath(int iteration) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        Path dir = output.toAbsolutePath().getParent();
        return dir.resolve(String.format(Locale.ROOT, "%s.iter%04d.png", stem, iteration));
    }

}
