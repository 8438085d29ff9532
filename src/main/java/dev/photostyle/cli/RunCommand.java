package dev.photostyle.cli;

import dev.photostyle.options.TransferOptions;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.features.VggWeights;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import dev.photostyle.job.JobFile;
import dev.photostyle.job.JobLoader;
import dev.photostyle.job.JobSpec;
import dev.photostyle.job.LoadedJob;
import dev.photostyle.job.RegionSpec;
import dev.photostyle.optim.IterationListener;
import dev.photostyle.pipeline.PlateOutput;
import dev.photostyle.pipeline.PlateResult;
import dev.photostyle.pipeline.PlateTransfer;
import dev.photostyle.transfer.OutputStage;
import dev.photostyle.transfer.RegionTarget;
import dev.photostyle.transfer.TransferConfig;
import dev.photostyle.transfer.TransferReport;
import dev.photostyle.transfer.region.RegionResult;
import dev.photostyle.transfer.region.RegionStrategy;
import dev.photostyle.transfer.region.RegionTransfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code photostyle run JOB}: a job file's regions, each styled after its own reference, on one
 * plate (see {@link JobFile} for the format). Takes {@code transfer}'s settings; the job file's
 * per-region weight and layers override them for that region.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a job file: several regions of one plate, each with its own style.")
public final class RunCommand implements Callable<Integer> {
    /** The default strategy, the better of the two by the measurements in the README. */
    static final RegionStrategy DEFAULT_STRATEGY = RegionStrategy.PER_REGION;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job file (JSON).")
    Path job;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Result image (default: the job's \"output\").")
    Path output;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a JSON report.")
    Path report;

    @Option(names = "--strategy", paramLabel = "joint|per-region",
            description = "joint: one optimisation, one Gram target per region; per-region: one run per region, "
                    + "then a whole-plate local affine fit (default: per-region).")
    String strategy;

    @Mixin
    TransferOptions options;

    @Override
    public Integer call() throws Exception {
        RegionStrategy s = strategy == null ? DEFAULT_STRATEGY : RegionStrategy.parse(strategy);
        OutputStage stage = options.outputStage();
        JobSpec spec = JobFile.read(job);
        Path out = output != null ? output : spec.output();
        if (out == null) throw new IllegalArgumentException("no output: give -o FILE or \"output\" in the job file");
        List<Path> inputs = inputs(spec);
        OutputGuard.check(out, "output", inputs.toArray(Path[]::new));
        inputs.add(out);
        OutputGuard.check(report, "report", inputs.toArray(Path[]::new));
        PlateFormat.containerOf(out);
        LoadedJob loaded = JobLoader.load(spec);
        loaded.warnings().forEach(w -> System.err.println("warning: " + w));
        TransferConfig cfg = options.config(null);
        if (cfg.method() != TransferConfig.Method.STATS && cfg.method() != TransferConfig.Method.PIXELS
                && cfg.method() != TransferConfig.Method.LUT) {
            throw new IllegalArgumentException("job files run --method stats (default), lut or pixels; --method "
                    + cfg.method().name().toLowerCase(Locale.ROOT) + " is not available here");
        }
        VggWeights vw = options.weights().load();
        vw.requireLayers(cfg.contentLayers());
        for (RegionTarget t : loaded.targets(cfg)) vw.requireLayers(t.styleLayers());
        try (VggFeatureExtractor vgg = VggFeatureExtractor.load(vw, options.device())) {
            PlateResult r = new PlateTransfer(vgg).run(loaded, cfg, s, options.colour(), stage, IterationListener.NONE);
            r.warnings().forEach(w -> System.err.println("warning: " + w));
            PlateOutput.write(r, out, report, Map.of("job", job.toString(),
                    "weights", options.weights().resolve().toString()));
            System.err.printf(Locale.ROOT, "photostyle: wrote %s (%s, %d regions, joint objective of the result %.6g, %.1f s)%n",
                    out, s.label(), loaded.regions().size(), r.transfer().bestValue(),
                    r.transfer().timings().get("total_s"));
        }
        return 0;
    }

    private static List<Path> inputs(JobSpec spec) {
        LinkedHashSet<Path> s = new LinkedHashSet<>();
        s.add(spec.content());
        List<RegionSpec> all = new ArrayList<>(spec.regions());
        if (spec.unassigned() != null) all.add(spec.unassigned());
        for (RegionSpec r : all) {
            if (r.matte().file() != null) s.add(r.matte().file());
            s.add(r.style());
            if (r.styleMatte().file() != null) s.add(r.styleMatte().file());
        }
        return new ArrayList<>(s);
    }
}
