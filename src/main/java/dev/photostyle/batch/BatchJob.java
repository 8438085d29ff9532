package dev.photostyle.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.colour.ColourSettings;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.ImageFiles;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.mask.LabelMap;
import dev.photostyle.mask.MaskFiles;
import dev.photostyle.metrics.EvalResult;
import dev.photostyle.metrics.Evaluation;
import dev.photostyle.metrics.GramStyleDistance;
import dev.photostyle.metrics.report.HtmlReport;
import dev.photostyle.metrics.report.LossCurve;
import dev.photostyle.metrics.report.LossPoint;
import dev.photostyle.metrics.report.PairReport;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.pipeline.PlateInputs;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.pipeline.PlateResult;
import dev.photostyle.pipeline.PlateTransfer;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.TransferConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A benchmark batch: every pair of a dataset through the plate path ({@link PlateTransfer}), each
 * result and its reference evaluated at our working size, and one HTML report and summary over all
 * pairs. Pairs do not depend on one another: {@link #run} does one pair and leaves everything the
 * report needs in the pair's folder, {@link #readReport} reads it back, so pairs may run in any
 * order, in any process, and the report is written by whoever collects them
 * ({@link #writeReport}). Resumable: a pair whose result and transfer report exist is not
 * recomputed (only re-evaluated).
 *
 * <p>Layout of {@code out}: {@code inN/} holds {@code result.png} and {@code transfer.json} (as
 * {@code photostyle transfer} writes them), working-size copies {@code content.png},
 * {@code style.png}, {@code content_mask.png}, {@code style_mask.png}, {@code reference.png}, and
 * {@code metrics.json} / {@code reference_metrics.json} (as {@code photostyle eval} writes them).
 *
 * <pre>{@code
 * BatchJob job = new BatchJob(dataset, out, DatasetPair.discover(dataset, List.of(1, 4)), mask -> cfg,
 *         ColourSettings.defaults(), stage, null, MaskFiles.Kind.AUTO, weightsFile);
 * for (DatasetPair p : job.pairs()) job.run(p, vgg, new GramStyleDistance(vgg));
 * job.writeReport(job.pairs().stream().map(job::readReport).toList(), Map.of(), "my batch");
 * }</pre>
 *
 * @param dataset     the dataset folder (named in the report's title)
 * @param out         the output folder
 * @param pairs       the pairs, in report order
 * @param config      the transfer settings for a content mask (null without masks)
 * @param colour      the plates' colour settings
 * @param stage       the output stage
 * @param initImage   the starting image of {@code --init FILE}, or null
 * @param maskKind    how masks encode regions
 * @param weightsFile the VGG weights file, named in each transfer report
 */
public record BatchJob(Path dataset, Path out, List<DatasetPair> pairs, Function<LabelMap, TransferConfig> config,
        ColourSettings colour, OutputStage stage, Path initImage, MaskFiles.Kind maskKind, Path weightsFile) {

    public BatchJob {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(out, "out");
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(maskKind, "maskKind");
        Path dsAbs = dataset.toAbsolutePath().normalize();
        if (out.toAbsolutePath().normalize().startsWith(dsAbs)) throw new IllegalArgumentException("--out must not be inside --dataset");
    }

    /**
     * What {@link #run} did with one pair.
     *
     * @param name                pair name
     * @param resumed             true when the result existed and was not recomputed
     * @param transferSeconds     transfer time, or null when resumed
     * @param bestLoss            the transfer's best loss, or NaN when resumed
     * @param secondsPerIteration the transfer's time per iteration (0 for the closed form), or NaN when resumed
     */
    public record PairRun(String name, boolean resumed, Double transferSeconds, double bestLoss, double secondsPerIteration) {
        /** The pair's entries of {@code summary.json}: {@code resumed}, {@code transfer_s}. */
        public Map<String, Object> summaryExtras() {
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("resumed", resumed);
            ex.put("transfer_s", transferSeconds);
            return ex;
        }
    }

    /** The folder of one pair's files. */
    public Path folder(DatasetPair p) {
        return out.resolve(p.name());
    }

    /**
     * Transfers one pair unless its result and report exist, then evaluates the result and the
     * reference and writes the working-size copies and metrics the report shows.
     *
     * @param gram the Gram distance on {@code vgg}
     */
    public PairRun run(DatasetPair p, VggFeatureExtractor vgg, GramStyleDistance gram) throws Exception {
        Path dir = folder(p);
        Files.createDirectories(dir);
        Path result = dir.resolve("result.png");
        Path report = dir.resolve("transfer.json");
        boolean resumed = Files.isRegularFile(result) && Files.isRegularFile(report);
        long t0 = System.nanoTime();
        PairRun run;
        if (!resumed) {
            PlateInputs in = PlateInputs.read(p.content(), p.style(), p.contentMask(), p.styleMask(), initImage, maskKind, stage);
            TransferConfig cfg = config.apply(in.contentMask());
            vgg.weights().requireLayers(cfg.allLayers());
            PlateResult r = new PlateTransfer(vgg).transfer(in, cfg, colour, stage, IterationListener.NONE);
            PlateOutput.write(r, result, report, Map.of("content", p.content().toString(),
                    "style", p.style().toString(), "weights", String.valueOf(weightsFile)));
            Files.deleteIfExists(dir.resolve("metrics.json")); // stale metrics of an older result
            run = new PairRun(p.name(), false, (System.nanoTime() - t0) / 1e9, r.transfer().bestValue(),
                    r.transfer().timings().getOrDefault("seconds_per_iteration", 0.0));
        } else {
            run = new PairRun(p.name(), true, null, Double.NaN, Double.NaN);
        }
        evaluate(p, dir, result, gram);
        return run;
    }

    /**
     * Evaluates our result and the reference at our working size, against the working-size content
     * and style, and writes the working-size copies the report links to.
     */
    private void evaluate(DatasetPair p, Path dir, Path result, GramStyleDistance gram) throws IOException {
        // Everything as the network saw it (display sRGB), as eval does.
        DecodedImage plate = PlateIO.read(p.content());
        FloatImage ours = colour.networkView(PlateIO.read(result).image(), plate.format());
        int w = ours.width(), h = ours.height();
        FloatImage content = Resampler.resize(colour.networkView(plate.image(), plate.format()), w, h);
        DecodedImage styleRead = PlateIO.read(p.style());
        FloatImage styleFull = ColourSettings.referenceForNetwork(styleRead.image(), styleRead.format());
        int[] ss = Resampler.fitLongSide(styleFull.width(), styleFull.height(), Math.max(w, h));
        FloatImage style = Resampler.resize(styleFull, ss[0], ss[1]);
        ImageFiles.write(content, dir.resolve("content.png"));
        ImageFiles.write(style, dir.resolve("style.png"));
        LabelMap cm = null, sm = null;
        if (p.contentMask() != null) {
            cm = MaskFiles.read(p.contentMask(), maskKind).resizeNearest(w, h);
            sm = MaskFiles.read(p.styleMask(), maskKind).resizeNearest(ss[0], ss[1]);
            ImageFiles.write(nearest(ImageFiles.read(p.contentMask()), w, h), dir.resolve("content_mask.png"));
            ImageFiles.write(nearest(ImageFiles.read(p.styleMask()), ss[0], ss[1]), dir.resolve("style_mask.png"));
        }
        Evaluation.of(content, style, ours, cm, sm, gram, null).writeJson(dir.resolve("metrics.json"));
        if (p.reference() != null) {
            DecodedImage refRead = PlateIO.read(p.reference());
            FloatImage r = Resampler.resize(colour.networkView(refRead.image(), refRead.format()), w, h);
            ImageFiles.write(r, dir.resolve("reference.png"));
            Evaluation.of(content, style, r, cm, sm, gram, null).writeJson(dir.resolve("reference_metrics.json"));
        }
    }

    /** The report entry of a pair that {@link #run} has done, read from its folder. */
    public PairReport readReport(DatasetPair p) throws IOException {
        Path dir = folder(p);
        boolean masks = p.contentMask() != null;
        boolean ref = p.reference() != null;
        return new PairReport(p.name(), dir.resolve("content.png"), dir.resolve("style.png"),
                masks ? dir.resolve("content_mask.png") : null, masks ? dir.resolve("style_mask.png") : null,
                dir.resolve("result.png"), ref ? dir.resolve("reference.png") : null,
                EvalResult.readJson(dir.resolve("metrics.json")),
                ref ? EvalResult.readJson(dir.resolve("reference_metrics.json")) : null,
                List.of(lossCurve(dir.resolve("transfer.json"))));
    }

    /**
     * Writes {@code out/report.html} (titled {@code title}) and {@code out/summary.json} ({@link BatchSummary},
     * with {@code extras} per pair name).
     */
    public void writeReport(List<PairReport> reports, Map<String, Map<String, Object>> extras, String title) throws IOException {
        HtmlReport.write(out.resolve("report.html"), reports, new HtmlReport.Options(title, true));
        Map<String, Object> summary = BatchSummary.toMap(reports, extras);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary);
        AtomicOutput.write(out.resolve("summary.json"), o -> o.write(bytes));
    }

    /** The report's default title. */
    public String title() {
        return "photostyle batch: " + dataset.getFileName();
    }

    /** The loss history of a transfer report: {@code iterations[]} with total and one number per term. */
    static LossCurve lossCurve(Path report) throws IOException {
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
