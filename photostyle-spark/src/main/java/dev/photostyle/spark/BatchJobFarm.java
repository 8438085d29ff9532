package dev.photostyle.spark;

import dev.photostyle.batch.BatchJob;
import dev.photostyle.batch.DatasetPair;
import dev.photostyle.features.VggFeatureExtractor;
import dev.photostyle.metrics.GramStyleDistance;
import dev.photostyle.options.BatchOptions;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code batch}: one task per pair, each {@link BatchJob#run} (transfer unless done, evaluation),
 * exactly what {@code photostyle batch} does for it; the driver then reads every pair's files
 * back and writes the one HTML report and summary ({@link BatchJob#writeReport}). The VGG weights
 * are loaded once per executor.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Transfer and evaluate the pairs of a dataset, one Spark task per pair (options as 'photostyle batch').")
final class BatchJobFarm implements FarmJob<BatchJobFarm.State> {
    @Mixin
    BatchOptions options;

    @Mixin
    FarmOptions farm;

    /** An executor's share: the job and the network. */
    record State(BatchJob job, VggFeatureExtractor vgg, GramStyleDistance gram) {}

    @Override
    public List<Unit> units() throws Exception {
        return options.job().pairs().stream().map(p -> Unit.pair(p.name(), p.number())).toList();
    }

    @Override
    public Path defaultReport() throws Exception {
        return options.job().out().toAbsolutePath().resolve("farm-report.json");
    }

    @Override
    public Path farmReport() {
        return farm.report;
    }

    /** The job as the driver sees it (no network): for the report over all pairs. */
    BatchJob job() throws Exception {
        return options.job();
    }

    @Override
    public State load() throws Exception {
        BatchJob job = options.job();
        VggFeatureExtractor vgg = VggFeatureExtractor.load(options.transfer().weights().load(), options.transfer().device());
        return new State(job, vgg, new GramStyleDistance(vgg));
    }

    @Override
    public void run(Unit unit, State state, List<TaskReport.Item> items) throws Exception {
        DatasetPair pair = state.job().pairs().stream().filter(p -> p.number() == unit.pair()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no pair " + unit.pair()));
        BatchJob.PairRun r;
        synchronized (state) { // one network per executor
            r = state.job().run(pair, state.vgg(), state.gram());
        }
        Map<String, Double> seconds = new HashMap<>();
        if (r.transferSeconds() != null) seconds.put("transfer", r.transferSeconds());
        items.add(new TaskReport.Item(pair.name(), r.resumed() ? TaskReport.Item.SKIPPED : TaskReport.Item.WRITTEN,
                state.job().folder(pair).toString(), seconds, null));
    }

    @Override
    public List<String> outputs(Unit unit) throws Exception {
        BatchJob job = options.job();
        return job.pairs().stream().filter(p -> p.number() == unit.pair()).map(p -> job.folder(p).resolve("result.png").toString()).toList();
    }
}
