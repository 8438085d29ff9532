package dev.photostyle.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} (the data beside the project root). Tests that need it call
 * {@link #require(String)}: on a developer's machine without the data they are skipped with a
 * message; when the environment variable {@code CI} is set they fail instead, because CI always
 * has the data and a silent skip there would hide a broken test.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared root (system property {@code photostyle.shared}, else {@code ../shared}). */
    public static Path root() {
        String p = System.getProperty("photostyle.shared");
        return (p != null && !p.isBlank() ? Path.of(p) : Path.of("..", "shared")).toAbsolutePath().normalize();
    }

    /** Resolves {@code relative} under the shared root, skipping (or failing on CI) if absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String msg = "shared test data not found: " + p
                    + " (place the project's shared/ folder beside the project root to run this test)";
            if (System.getenv("CI") != null) fail(msg + "; CI is set, so this is a failure, not a skip");
            assumeTrue(false, msg);
        }
        return p;
    }

    /** The shared VGG19 "normalised" weights up to conv3_1. */
    public static Path vggWeights() {
        return require("models/vgg19-normalised-conv3_1.pth");
    }

    /** A file of the DPST benchmark, e.g. {@code dpst("input/in1.png")}. */
    public static Path dpst(String relative) {
        return require("data/dpst/" + relative);
    }
}
