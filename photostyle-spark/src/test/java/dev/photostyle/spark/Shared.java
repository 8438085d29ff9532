package dev.photostyle.spark;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ../shared} beside the project root (system property {@code photostyle.shared}), as the
 * core's tests find it: a test that needs it is skipped with a message when it is absent, and
 * fails when the environment variable {@code CI} is set.
 */
final class Shared {
    private Shared() {}

    static Path require(String relative) {
        String prop = System.getProperty("photostyle.shared");
        Path root = (prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "..", "shared")).toAbsolutePath().normalize();
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            String msg = "shared test data not found: " + p + " (place the project's shared/ folder beside the project root)";
            if (System.getenv("CI") != null) fail(msg + "; CI is set, so this is a failure, not a skip");
            assumeTrue(false, msg);
        }
        return p;
    }

    static Path weights() {
        return require("models/vgg19-normalised-conv3_1.pth");
    }

    /** The mountain_2 frames as a pattern ({@code frame_0001.png} ...). */
    static String mountain() {
        return require("data/video/mountain_2").resolve("frame_%04d.png").toString();
    }
}
