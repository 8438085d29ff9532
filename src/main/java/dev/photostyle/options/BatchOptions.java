package dev.photostyle.options;

import dev.photostyle.batch.BatchJob;
import dev.photostyle.batch.DatasetPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code photostyle batch} (and of the farm's {@code batch}, which takes the same
 * ones) and their wiring into a {@link BatchJob}: the dataset, the output folder, the pairs and
 * every transfer setting.
 *
 * <p>A picocli mixin: {@code @Mixin BatchOptions options;} then {@code options.job()}.
 */
public final class BatchOptions {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--pairs", split = ",", paramLabel = "N", description = "Only these pair numbers, e.g. 1,4,7.")
    List<Integer> pairs = List.of();

    @Mixin
    TransferOptions transfer;

    /** The transfer settings. */
    public TransferOptions transfer() {
        return transfer;
    }

    /**
     * Finds the pairs, checks the folders and creates the output folder; resolves (and, without
     * {@code --weights} and a cache, fetches) the weights file the reports name.
     */
    public BatchJob job() throws Exception {
        List<DatasetPair> todo = DatasetPair.discover(dataset, pairs);
        Path outAbs = out.toAbsolutePath().normalize();
        if (outAbs.startsWith(dataset.toAbsolutePath().normalize())) throw new IllegalArgumentException("--out must not be inside --dataset");
        Files.createDirectories(out);
        return new BatchJob(dataset, out, todo, transfer::config, transfer.colour(), transfer.outputStage(),
                transfer.initImage(), transfer.maskKind(), transfer.weights().resolve());
    }
}
