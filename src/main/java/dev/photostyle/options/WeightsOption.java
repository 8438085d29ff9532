package dev.photostyle.options;

import dev.photostyle.features.VggWeights;
import dev.photostyle.io.weights.WeightCache;
import dev.photostyle.io.weights.WeightFiles;
import dev.photostyle.io.weights.WeightsFetcher;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * The {@code --weights} option shared by every command that runs VGG. Without it, the cached
 * torchvision VGG19 is used, and fetched (with a progress bar and checksum) on first use; offline,
 * the fetcher's error tells the user to pass {@code --weights}.
 */
public final class WeightsOption {
    @Option(names = "--weights", paramLabel = "FILE",
            description = "VGG19 weights (.pth or .safetensors; torchvision or 'normalised' layout). "
                    + "Default: the cached torchvision VGG19, downloaded on first use.")
    Path weights;

    /** The file given with {@code --weights}, or null (then the cached default is used). */
    public Path given() {
        return weights;
    }

    /** The weights file to use, fetching the default one if needed. */
    public Path resolve() throws Exception {
        if (weights != null) return weights;
        Optional<Path> cached = WeightCache.defaultVgg19();
        if (cached.isPresent()) return cached.get();
        System.err.println("photostyle: no --weights given and no cached VGG19; downloading it once");
        return new WeightsFetcher(WeightCache.fromEnvironment()).fetchVgg19();
    }

    /** Reads and recognises the weights. */
    public VggWeights load() throws Exception {
        Path p = resolve();
        try {
            return VggWeights.from(WeightFiles.read(p));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
        }
    }
}
