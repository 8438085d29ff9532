package dev.photostyle.io.image;

import java.util.Objects;

/**
 * A plate as read, with how it was stored, so that an output can keep the input's container,
 * sample type, alpha and compression: {@code PlateIO.write(out, path, decoded.format())}.
 *
 * @param image  samples: planar RGB, RGBA or gray; EXR values scene-linear and unbounded,
 *               integer formats scaled to [0, 1]; alpha (channel 3) exactly as stored
 * @param format how the file stored them
 */
public record DecodedImage(FloatImage image, PlateFormat format) {
    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
    }
}
