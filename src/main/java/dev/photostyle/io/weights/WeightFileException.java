package dev.photostyle.io.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A weights file that cannot be read: missing, unreadable, truncated, or in a format this
 * package does not support. The message is one line and names the file, e.g.
 * {@code "vgg.pth: truncated file (storage 3 of 12 ends early)"}.
 */
public final class WeightFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeightFileException(Path file, String reason) {
        super(file + ": " + reason);
    }

    public WeightFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
