package dev.photostyle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.photostyle.io.weights.StateDict;
import dev.photostyle.io.weights.WeightCache;
import dev.photostyle.io.weights.WeightFiles;
import dev.photostyle.io.weights.WeightTensor;
import dev.photostyle.io.weights.WeightsFetcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code photostyle weights}: fetch torchvision's VGG19 into the cache, list the cache, and show
 * the tensors of a weights file. Register it with
 * {@code new CommandLine(new Main()).addSubcommand(new WeightsCommand())} (or in
 * {@code @Command(subcommands = WeightsCommand.class)}).
 *
 * <pre>
 * photostyle weights fetch [--cache-dir DIR] [--url URL] [--sha256 HEX] [--quiet]
 * photostyle weights list  [--cache-dir DIR]
 * photostyle weights info  FILE
 * </pre>
 * Failures print one line to stderr and exit with status 1.
 */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Download and inspect network weights (VGG19).",
        subcommands = {WeightsCommand.Fetch.class, WeightsCommand.ListCache.class, WeightsCommand.Info.class})
public final class WeightsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: fetch, list or info");
    }

    /** Prints {@code error: <message>} on one line and returns the failure status. */
    static int fail(CommandSpec spec, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        spec.commandLine().getErr().println("error: " + m.replaceAll("\\s*\\R\\s*", " "));
        return 1;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download torchvision's VGG19 weights into the cache (verified by SHA-256) and print "
                    + "their path.", "The cache is --cache-dir, else $" + WeightCache.ENV + ", else ~/.cache/photostyle."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CacheDirOption cacheDir;

        @Option(names = "--url", paramLabel = "URL", description = "Download address (default: ${DEFAULT-VALUE}).")
        URI url = WeightCache.VGG19_URL;

        @Option(names = "--sha256", paramLabel = "HEX", description = "Full SHA-256 the file must have.")
        String sha256;

        @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() {
            try {
                WeightsFetcher.Options opts = new WeightsFetcher.Options(WeightsFetcher.Options.defaults().connectTimeout(), !quiet);
                WeightsFetcher fetcher = new WeightsFetcher(cacheDir.cache(), opts);
                Path p = sha256 == null ? fetcher.fetchVgg19(url) : fetcher.fetch(url, sha256);
                spec.commandLine().getOut().println(p);
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                return fail(spec, e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the weights files in the cache.")
    static final class ListCache implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CacheDirOption cacheDir;

        @Override
        public Integer call() {
            try {
                WeightCache cache = cacheDir.cache();
                List<Path> files = cache.list();
                PrintWriter out = spec.commandLine().getOut();
                if (files.isEmpty()) {
                    out.println("no weights in " + cache.dir() + " (run 'photostyle weights fetch')");
                }
                for (Path f : files) {
                    out.printf("%-40s %10.1f MiB%n", f.getFileName(), Files.size(f) / (1024.0 * 1024.0));
                }
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                return fail(spec, e);
            }
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the tensor names and shapes of a weights file (.pth or .safetensors).")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Weights file.")
        Path file;

        @Override
        public Integer call() {
            try {
                StateDict sd = WeightFiles.read(file);
                PrintWriter out = spec.commandLine().getOut();
                long total = 0;
                for (String name : sd.names()) {
                    WeightTensor t = sd.get(name);
                    out.printf("%-40s %s%n", name, Arrays.toString(t.shape()));
                    total += t.data().length;
                }
                out.printf("%d tensors, %d values%n", sd.size(), total);
                return 0;
            } catch (IOException e) {
                return fail(spec, e);
            }
        }
    }
}
