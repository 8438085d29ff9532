package dev.photostyle.cli;

import dev.photostyle.engine.Tensors;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferResult;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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

    @Option(names = "--content-mask", paramLabel = "FILE", description = "Colour-coded (or label) mask of the content.")
    Path contentMask;

    @Option(names = "--style-mask", paramLabel = "FILE", description = "Colour-coded (or label) mask of the style.")
    Path styleMask;

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
        options.outputStage(); // bad --post / --output-size: fail before any work
        Path initImage = options.initImage();
        OutputGuard.check(output, "output", content, style, contentMask, styleMask, options.weights.weights, initImage);
        OutputGuard.check(report, "report", content, style, contentMask, styleMask, options.weights.weights, initImage, output);
        PlateFormat.containerOf(output); // unsupported extension: fail before any work
        TransferJob job = TransferJob.load(options, content, style, contentMask, styleMask);
        TransferConfig cfg = job.config(options, snapshotEvery);
        VggWeights vw = options.weights.load();
        vw.requireLayers(cfg.allLayers());
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, options.device())) {
            TransferResult r;
            try (ProgressBar pb = quiet ? null : progress(cfg)) {
                r = job.run(vgg, cfg, listener(pb), output, report, options.weights.resolve(), options.outputStage());
            }
            System.err.printf(Locale.ROOT, "photostyle: wrote %s (best loss %.6g at iteration %d of %d, %.3f s/iteration)%n",
                    output, r.bestValue(), r.bestIteration(), r.history().size() - 1,
                    r.timings().get("seconds_per_iteration"));
        }
        return 0;
    }

    private static ProgressBar progress(TransferConfig cfg) {
        int stages = cfg.stages() == 2 && cfg.laplacianWeight() > 0 ? 2 : 1;
        return new ProgressBarBuilder().setTaskName("transfer").setInitialMax((long) cfg.iterations() * stages)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
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
