package dev.photostyle.cli;

import dev.photostyle.io.weights.WeightCache;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --cache-dir} option of the {@code weights} subcommands, and the cache it names. */
final class CacheDirOption {
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory.")
    Path cacheDir;

    /** {@code --cache-dir} if given, else the environment's cache ({@link WeightCache#fromEnvironment}). */
    WeightCache cache() {
        return cacheDir == null ? WeightCache.fromEnvironment() : new WeightCache(cacheDir);
    }
}
