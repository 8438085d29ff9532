package dev.photostyle.spark;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The farm's own option, beside the CLI command's: where the farm report goes. */
final class FarmOptions {
    @Option(names = "--farm-report", paramLabel = "FILE",
            description = "The farm report (JSON: every frame or pair, its status, times, executor and attempt; failures by name). "
                    + "Default: farm-report.json beside the output frames, or in the batch's --out.")
    Path report;
}
