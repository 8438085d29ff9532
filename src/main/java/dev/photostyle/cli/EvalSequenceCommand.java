package dev.photostyle.cli;

import dev.photostyle.colour.ColourSettings;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.flow.DenseFlow;
import dev.photostyle.io.image.DecodedImage;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.sequence.FramePattern;
import dev.photostyle.sequence.FrameRange;
import dev.photostyle.sequence.TemporalConsistency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code photostyle eval-sequence}: temporal consistency of a stylised sequence, the mean warping
 * error between consecutive result frames (frame t-1 warped onto t by the content's optical flow,
 * over reliable pixels; Ruder et al. 2016) next to the same figure for the content.
 */
@Command(name = "eval-sequence", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the temporal consistency (warping error) of a result sequence against its content.")
public final class EvalSequenceCommand implements Callable<Integer> {
    @Option(names = "--content", required = true, paramLabel = "PATTERN", description = "Content frames, e.g. in.%%04d.png.")
    String content;

    @Option(names = "--result", required = true, paramLabel = "PATTERN", description = "Result frames, e.g. out.%%04d.png.")
    String result;

    @Option(names = "--frames", required = true, paramLabel = "A-B[,C...]",
            description = "Frames; every frame whose predecessor is listed too makes a pair.")
    String frames;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        FramePattern in = new FramePattern(content);
        FramePattern out = new FramePattern(result);
        FrameRange range = FrameRange.parse(frames);
        if (json != null) OutputGuard.check(json, "--json");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<TemporalConsistency.Pair> pairs = new ArrayList<>();
        DenseFlow flow = DenseFlow.medium();
        FloatImage prevC = null;
        FloatImage prevR = null;
        int prevFrame = Integer.MIN_VALUE;
        for (int f : range.frames()) {
            FloatImage c = display(in.path(f));
            FloatImage r = display(out.path(f));
            if (prevFrame == f - 1) {
                TemporalConsistency.Pair p = TemporalConsistency.pair(c, prevC, r, prevR, flow);
                pairs.add(p);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("frame", f);
                row.put("result", p.result());
                row.put("content", p.content());
                row.put("reliable", p.reliable());
                row.put("explained", p.explained());
                row.put("gain", p.gain());
                row.put("excess", p.excess());
                rows.add(row);
                System.err.printf(Locale.ROOT, "frame %d: warping error result %.5f, content %.5f (reliable %.1f%%), gain %.3f, excess %.3f%n",
                        f, p.result(), p.content(), 100 * p.reliable(), p.gain(), p.excess());
            }
            prevC = c;
            prevR = r;
            prevFrame = f;
        }
        if (pairs.isEmpty()) throw new IllegalArgumentException("--frames holds no two consecutive frames");
        double mr = TemporalConsistency.meanResult(pairs);
        double mc = TemporalConsistency.meanContent(pairs);
        double gain = TemporalConsistency.meanGain(pairs), excess = TemporalConsistency.meanExcess(pairs);
        System.out.printf(Locale.ROOT, "warping error (mean of %d pairs): result %.5f, content %.5f (ratio %.3f); "
                + "the result's own colour map explains %.5f (gain %.3f), result beyond it %.3f%n", pairs.size(), mr, mc, mr / mc,
                gain * mc, gain, excess);
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("content", content);
            m.put("result", result);
            m.put("frames", range.frames());
            m.put("metric", "mean |frame_t - warp(frame_t-1, content flow)| over reliable pixels, RGB in display [0,1], at the result's size");
            m.put("warping_error_result", mr);
            m.put("warping_error_content", mc);
            m.put("ratio", mr / mc);
            m.put("gain", gain);
            m.put("gain_metric", "warping error of the content's residual through the result's local colour maps (least-squares affine "
                    + "content -> result in 5x5 windows of frame t) over the content's warping error, pooled over pairs");
            m.put("excess", excess);
            m.put("excess_metric", "warping error of the result over that explained error, pooled over pairs: 1 for a fixed affine "
                    + "colour map of the content, near 1 for a smooth one, above 1 for flicker");
            m.put("pairs", rows);
            PlateOutput.writeJson(json, m);
        }
        return 0;
    }

    /** A frame in display-referred RGB (EXR: the default linear transform), clamped to [0, 1]. */
    private static FloatImage display(Path p) throws Exception {
        DecodedImage d = PlateIO.read(p);
        return ColourSettings.referenceForNetwork(d.image(), d.format());
    }
}
