package dev.photostyle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.batch.BatchSummary;
import dev.photostyle.batch.DatasetPair;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.pipeline.PlateInputs;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.pipeline.PlateResult;
import dev.photostyle.pipeline.PlateTransfer;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.metrics.Evaluation;
import dev.photostyle.metrics.GramStyleDistance;
import dev.photostyle.metrics.report.HtmlReport;
import dev.photostyle.metrics.report.LossCurve;
import dev.photostyle.metrics.report.LossPoint;
import dev.photostyle.metrics.report.PairReport;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code photostyle batch}: transfer every pair of a DPST-style dataset, evaluate ours and the
 * reference results at our working size, and write a self-contained {@code report.html} and
 * {@code summary.json}. Resumable: a pair whose result and report exist is not recomputed.
 *
 * <p>Layout of OUT: {@code inN/} holds {@code result.png} and {@code transfer.json} (as
 * {@code photostyle transfer} writes them), working-size copies {@code content.png},
 * {@code style.png}, {@code content_mask.png}, {@code style_mask.png}, {@code reference.png}, and
 * {@code metrics.json} / {@code reference_metrics.json} (as {@code photostyle eval} writes them).
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Transfer and evaluate every pair of a dataset (input/inN, style/tarN, segmentation/, "
                + "paper_results/); writes OUT/report.html and OUT/summary.json.")
public final class BatchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--pairs", split = ",", paramLabel = "N", description = "Only these pair numbers, e.g. 1,4,7.")
    List<Integer> pairs = List.of();

    @Mixin
    TransferOptions options;

    @Option(names = "--quiet", description = "No per-pair progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<DatasetPair> todo = DatasetPair.discover(dataset, pairs);
        Path dsAbs = dataset.toAbsolutePath().normalize();
        Path outAbs = out.toAbsolutePath().normalize();
        if (outAbs.startsWith(dsAbs)) throw new IllegalArgumentException("--out must not be inside --dataset");
        Files.createDirectories(out);
        Path weightsFile = options.weights.resolve();
        VggWeights vw = options.weights.load();
        List<PairReport> reports = new ArrayList<>();
        Map<String, Map<String, Object>> extras = new LinkedHashMap<>();
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, options.device())) {
            GramStyleDistance gram = new GramStyleDistance(vgg);
            int i = 0;
            for (DatasetPair p : todo) {
                i++;
                Path dir = out.resolve(p.name());
                Files.createDirectories(dir);
                Path result = dir.resolve("result.png");
                Path report = dir.resolve("transfer.json");
                boolean resumed = Files.isRegularFile(result) && Files.isRegularFile(report);
                long t0 = System.nanoTime();
                if (!resumed) {
                    PlateInputs in = PlateInputs.read(p.content(), p.style(), p.contentMask(), p.styleMask(),
                            options.initImage(), options.maskKind(), options.outputStage());
                    TransferConfig cfg = options.config(in.contentMask());
                    vw.requireLayers(cfg.allLayers());
                    PlateResult r = new PlateTransfer(vgg).transfer(in, cfg, options.colour(), options.outputStage(),
                            IterationListener.NONE);
                    PlateOutput.write(r, result, report, Map.of("content", p.content().toString(),
                            "style", p.style().toString(), "weights", weightsFile.toString()));
                    Files.deleteIfExists(dir.resolve("metrics.json")); // stale metrics of an older result
                    if (!quiet) System.err.printf(Locale.ROOT, "photostyle batch: [%d/%d] %s: best loss %.5g, %.3f s/iteration%n",
                            i, todo.size(), p.name(), r.transfer().bestValue(),
                            r.transfer().timings().getOrDefault("seconds_per_iteration", 0.0));
                } else if (!quiet) {
                    System.err.printf("photostyle batch: [%d/%d] %s: result exists, not recomputed%n", i, todo.size(), p.name());
                }
                reports.add(evaluate(p, dir, result, report, gram));
                Map<String, Object> ex = new LinkedHashMap<>();
                ex.put("resumed", resumed);
                ex.put("transfer_s", resumed ? null : (System.nanoTime() - t0) / 1e9);
                extras.put(p.name(), ex);
            }
        }
        HtmlReport.write(out.resolve("report.html"), reports,
                new HtmlReport.Options("photostyle batch: " + dataset.getFileName(), true));
        Map<String, Object> summary = BatchSummary.toMap(reports, extras);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary);
        AtomicOutput.write(out.resolve("summary.json"), o -> o.write(bytes));
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("photostyle batch: %d pairs, report %s%n", reports.size(), out.resolve("report.html"));
        pw.print(BatchSummary.table(reports));
        pw.flush();
        return 0;
    }

    /**
     * Evaluates our result and the reference at our working size, against the working-size content
     * and style, and writes the working-size copies the report links to.
     */
    private PairReport evaluate(DatasetPair p, Path dir, Path result, Path report, GramStyleDistance gram)
            throws Exception {
        // Everything as the network saw it (display sRGB), as eval does.
        DecodedImage plate = PlateIO.read(p.content());
        FloatImage ours = options.colour().networkView(PlateIO.read(result).image(), plate.format());
        int w = ours.width(), h = ours.height();
        FloatImage content = Resampler.resize(options.colour().networkView(plate.image(), plate.format()), w, h);
        DecodedImage styleRead = PlateIO.read(p.style());
        FloatImage styleFull = ColourSettings.referenceForNetwork(styleRead.image(), styleRead.format());
        int[] ss = Resampler.fitLongSide(styleFull.width(), styleFull.height(), Math.max(w, h));
        FloatImage style = Resampler.resize(styleFull, ss[0], ss[1]);
        Path contentPng = dir.resolve("content.png");
        Path stylePng = dir.resolve("style.png");
        ImageFiles.write(content, contentPng);
        ImageFiles.write(style, stylePng);
        LabelMap cm = null, sm = null;
        Path cmPng = null, smPng = null;
        if (p.contentMask() != null) {
            cm = options.readMask(p.contentMask()).resizeNearest(w, h);
            sm = options.readMask(p.styleMask()).resizeNearest(ss[0], ss[1]);
            cmPng = dir.resolve("content_mask.png");
            smPng = dir.resolve("style_mask.png");
            ImageFiles.write(nearest(ImageFiles.read(p.contentMask()), w, h), cmPng);
            ImageFiles.write(nearest(ImageFiles.read(p.styleMask()), ss[0], ss[1]), smPng);
        }
        Evaluation e = Evaluation.of(content, style, ours, cm, sm, gram, null);
        e.writeJson(dir.resolve("metrics.json"));
        Evaluation ref = null;
        Path refPng = null;
        if (p.reference() != null) {
            DecodedImage refRead = PlateIO.read(p.reference());
            FloatImage r = Resampler.resize(options.colour().networkView(refRead.image(), refRead.format()), w, h);
            refPng = dir.resolve("reference.png");
            ImageFiles.write(r, refPng);
            ref = Evaluation.of(content, style, r, cm, sm, gram, null);
            ref.writeJson(dir.resolve("reference_metrics.json"));
        }
        return new PairReport(p.name(), contentPng, stylePng, cmPng, smPng, result, refPng, e.metrics(),
                ref == null ? null : ref.metrics(), List.of(lossCurve(report)));
    }

    /** The loss history of a transfer report: {@code iterations[]} with total and one number per term. */
    static LossCurve lossCurve(Path report) throws Exception {
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        List<LossPoint> pts = new ArrayList<>();
        for (JsonNode it : root.path("iterations")) {
            Map<String, Double> terms = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = it.fields(); f.hasNext();) {
                Map.Entry<String, JsonNode> e = f.next();
                String k = e.getKey();
                if (k.equals("iteration") || k.equals("stage") || k.equals("total") || k.equals("evaluations")
                        || k.equals("seconds")) continue;
                if (e.getValue().isNumber()) terms.put(k, e.getValue().asDouble());
            }
            pts.add(new LossPoint(it.path("iteration").asInt(), it.path("total").asDouble(), terms));
        }
        return new LossCurve("loss (" + report.getParent().getFileName() + ")", pts);
    }

    /** Nearest-neighbour resize, so mask colours are not blended. */
    static FloatImage nearest(FloatImage src, int w, int h) {
        int c = src.channels(), sw = src.width(), sh = src.height();
        float[] s = src.toArray();
        float[] d = new float[c * w * h];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int sy = Math.min(sh - 1, (int) ((y + 0.5) * sh / h));
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(sw - 1, (int) ((x + 0.5) * sw / w));
                    d[(ch * h + y) * w + x] = s[(ch * sh + sy) * sw + sx];
                }
            }
        }
        return FloatImage.wrap(w, h, c, d);
    }
}
