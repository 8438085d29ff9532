package dev.photostyle.io.weights;

import java.io.IOException;

/** A download that failed or did not verify; the one-line message says what to do instead. */
public final class WeightsDownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeightsDownloadException(String message) {
        super(message);
    }

    public WeightsDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
