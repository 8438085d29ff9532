package dev.photostyle.cli;

import dev.photostyle.colour.PlateRoundTrip;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferInputs;
import dev.photostyle.transfer.TransferReport;
import dev.photostyle.transfer.TransferResult;
import dev.photostyle.transfer.TransferRun;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transfer as the commands run it: read the files, run the configured method ({@link TransferRun}), write the result
 * (keeping the input's bit depth where the container allows) and the JSON report. Shared by
 * {@code transfer} and {@code batch} so both produce the same images and reports.
 */
final class TransferJob {
    private final Path contentPath;
    private final Path stylePath;
    private final DecodedImage content;
    private final DecodedImage style;
    private final LabelMap contentMask;
    private final LabelMap styleMask;
    private final FloatImage init;
    private final PlateRoundTrip colour;

    private TransferJob(Path contentPath, Path stylePath, DecodedImage content, DecodedImage style,
            LabelMap contentMask, LabelMap styleMask, FloatImage init, PlateRoundTrip colour) {
        this.contentPath = contentPath;
        this.stylePath = stylePath;
        this.content = content;
        this.style = style;
        this.contentMask = contentMask;
        this.styleMask = styleMask;
        this.init = init;
        this.colour = colour;
    }

    /** Reads the inputs (masks: both or neither). */
    static TransferJob load(TransferOptions o, Path content, Path style, Path contentMask, Path styleMask)
            throws Exception {
        if ((contentMask == null) != (styleMask == null)) {
            throw new IllegalArgumentException("give both --content-mask and --style-mask, or neither");
        }
        DecodedImage c = PlateIO.read(content);
        DecodedImage s = PlateIO.read(style);
        LabelMap cm = o.readMask(contentMask);
        LabelMap sm = o.readMask(styleMask);
        Path initPath = o.initImage();
        FloatImage init = initPath == null ? null : PlateIO.read(initPath).image();
        return new TransferJob(content, style, c, s, cm, sm, init, o.colour(c.format()));
    }

    /** The config for these inputs. */
    TransferConfig config(TransferOptions o, int snapshotEvery) {
        return o.config(contentMask, snapshotEvery);
    }

    /** Runs and writes {@code output} and (if not null) {@code report}. */
    TransferResult run(VggFeatureExtractor vgg, TransferConfig cfg, IterationListener listener, Path output,
            Path report, Path weightsFile, dev.photostyle.transfer.OutputStage outputStage) throws Exception {
        // The network works in display sRGB: convert the plate (and the --init image, assumed in the
        // plate's encoding) there and the result back (see PlateRoundTrip).
        // The network (and the output stage) see the clamped values; fromNetwork restores the rest.
        FloatImage netContent = colour.forNetwork(content.image());
        FloatImage seen = colour.isIdentity() ? netContent : netContent.clamp(0f, 1f);
        FloatImage netStyle = TransferOptions.referenceColour(style.format()).forNetwork(style.image()).clamp(0f, 1f);
        FloatImage netInit = init == null ? null : colour.forNetwork(init);
        TransferInputs in = new TransferInputs(seen, netStyle, contentMask, styleMask, netInit);
        TransferRun run = TransferRun.run(vgg, in, cfg, java.util.List.of(), listener);
        TransferResult r = run.result();
        long t = System.nanoTime();
        FloatImage result = colour.fromNetwork(run.output(outputStage, seen, contentMask), netContent, content.image());
        double finish = (System.nanoTime() - t) / 1e9;
        PlateIO.write(result, output, outputFormat(content.format(), output, result.hasAlpha()));
        if (report != null) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("content", contentPath.toString());
            extra.put("style", stylePath.toString());
            extra.put("output", output.toString());
            extra.put("weights", weightsFile.toString());
            extra.put("output_size", Map.of("width", result.width(), "height", result.height()));
            extra.put("finish_s", finish);
            extra.put("write_s", (System.nanoTime() - t) / 1e9 - finish);
            TransferReport.write(report, TransferReport.toMap(cfg, r, extra));
        }
        return r;
    }

    /** Keeps the input's depth where the output container can hold it (16-bit PNG/TIFF, half/float EXR). */
    static PlateFormat outputFormat(PlateFormat input, Path output, boolean alpha) {
        PlateFormat.Container target = PlateFormat.containerOf(output);
        PlateFormat f = input.container() == target ? input : PlateFormat.forPath(output);
        return f.withAlpha(alpha && target != PlateFormat.Container.JPEG);
    }
}
