package dev.photostyle.io.weights;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory where downloaded weights live: the constructor's argument, else the environment
 * variable {@value #ENV}, else {@code ~/.cache/photostyle}. Files keep the name they have at
 * their URL, so {@code vgg19-dcbb9e9d.pth} stays recognisable (and carries its hash prefix).
 *
 * <p>Example: {@code Path w = WeightCache.defaultVgg19().orElseThrow(); // after "photostyle weights fetch"}
 */
public final class WeightCache {
    /** Environment variable that overrides the default cache directory. */
    public static final String ENV = "PHOTOSTYLE_CACHE";
    /** torchvision's VGG19 (ImageNet) weights, as torchvision itself downloads them. */
    public static final URI VGG19_URL = URI.create("https://download.pytorch.org/models/vgg19-dcbb9e9d.pth");
    /** File name of {@link #VGG19_URL} in the cache. */
    public static final String VGG19_FILE = "vgg19-dcbb9e9d.pth";

    private final Path dir;

    /** A cache in {@code dir} (created on the first download). */
    public WeightCache(Path dir) {
        if (dir == null) throw new IllegalArgumentException("cache directory must not be null");
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The cache chosen by {@value #ENV} or, if unset, {@code ~/.cache/photostyle}. */
    public static WeightCache fromEnvironment() {
        return new WeightCache(defaultDir(System.getenv(), System.getProperty("user.home")));
    }

    /** The default directory for a given environment and home directory. */
    static Path defaultDir(Map<String, String> env, String userHome) {
        String override = env.get(ENV);
        if (override != null && !override.isBlank()) return Path.of(override);
        return Path.of(userHome, ".cache", "photostyle");
    }

    /** The cached VGG19 weights of the default cache, if they have been fetched. */
    public static Optional<Path> defaultVgg19() {
        return fromEnvironment().vgg19();
    }

    public Path dir() { return dir; }

    /** Where a file of this name lives in the cache (whether or not it is there). */
    public Path pathFor(String fileName) {
        if (fileName == null || fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        return dir.resolve(fileName);
    }

    /** The cached file of this name, if present. */
    public Optional<Path> find(String fileName) {
        Path p = pathFor(fileName);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The cached VGG19 weights, if present. */
    public Optional<Path> vgg19() {
        return find(VGG19_FILE);
    }

    /** The complete files in the cache (no half-finished downloads), sorted by name. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".partial"))
                    .sorted().toList();
        }
    }
}
