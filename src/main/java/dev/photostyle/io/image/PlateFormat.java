package dev.photostyle.io.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How a plate is stored on disk: container, sample type, alpha and (for EXR) compression.
 *
 * <p>{@link PlateIO#read(Path)} reports the input's format so that the output can keep it:
 * {@code PlateIO.write(result, out, decoded.format())}. Example:
 * {@code new PlateFormat(Container.EXR, SampleType.HALF, true, Compression.ZIP)}.
 *
 * @param container   file type
 * @param sampleType  bits and kind of each stored sample; must suit the container
 * @param alpha       whether a fourth (alpha) channel is stored
 * @param compression EXR compression; {@link Compression#NONE} for the other containers
 */
public record PlateFormat(Container container, SampleType sampleType, boolean alpha, Compression compression) {

    /** File types. */
    public enum Container { PNG, JPEG, TIFF, EXR }

    /** Stored sample kinds. */
    public enum SampleType {
        UINT8(8), UINT16(16), HALF(16), FLOAT(32);

        private final int bits;

        SampleType(int bits) { this.bits = bits; }

        /** Bits per stored sample. */
        public int bits() { return bits; }

        /** True for HALF and FLOAT (scene-linear, unbounded values). */
        public boolean isFloatingPoint() { return this == HALF || this == FLOAT; }
    }

    /** OpenEXR compressions this project writes (reading accepts whatever OpenCV's OpenEXR does). */
    public enum Compression { NONE, ZIP, ZIPS, PIZ, OTHER }

    public PlateFormat {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(sampleType, "sampleType");
        Objects.requireNonNull(compression, "compression");
        boolean ok = switch (container) {
            case PNG, TIFF -> sampleType == SampleType.UINT8 || sampleType == SampleType.UINT16;
            case JPEG -> sampleType == SampleType.UINT8 && !alpha;
            case EXR -> sampleType.isFloatingPoint();
        };
        if (!ok) {
            throw new IllegalArgumentException(container + " cannot store " + sampleType
                    + (alpha ? " with alpha" : "") + " samples");
        }
        if (container != Container.EXR && compression != Compression.NONE) {
            throw new IllegalArgumentException("compression " + compression + " applies to EXR only, not " + container);
        }
    }

    /** The default for a path's extension: 8-bit PNG/JPEG, 16-bit TIFF, half-float ZIP EXR; no alpha. */
    public static PlateFormat forPath(Path path) {
        Container c = containerOf(path);
        return switch (c) {
            case PNG -> new PlateFormat(c, SampleType.UINT8, false, Compression.NONE);
            case JPEG -> new PlateFormat(c, SampleType.UINT8, false, Compression.NONE);
            case TIFF -> new PlateFormat(c, SampleType.UINT16, false, Compression.NONE);
            case EXR -> new PlateFormat(c, SampleType.HALF, false, Compression.ZIP);
        };
    }

    /** The container a path's extension names (.png, .jpg/.jpeg, .tif/.tiff, .exr). */
    public static Container containerOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "png" -> Container.PNG;
            case "jpg", "jpeg" -> Container.JPEG;
            case "tif", "tiff" -> Container.TIFF;
            case "exr" -> Container.EXR;
            default -> throw new IllegalArgumentException("unsupported image format '" + ext + "' for " + path
                    + " (use .exr, .png, .tif, .tiff, .jpg or .jpeg)");
        };
    }

    /**
     * This format moved to another container where it must be (e.g. keep EXR half/alpha when the
     * output is also EXR; fall back to that container's default sample type otherwise).
     */
    public PlateFormat in(Container target) {
        if (target == container) return this;
        SampleType s = switch (target) {
            case EXR -> sampleType.isFloatingPoint() ? sampleType : SampleType.HALF;
            case PNG, TIFF -> sampleType == SampleType.UINT8 ? SampleType.UINT8 : SampleType.UINT16;
            case JPEG -> SampleType.UINT8;
        };
        return new PlateFormat(target, s, alpha && target != Container.JPEG,
                target == Container.EXR ? Compression.ZIP : Compression.NONE);
    }

    /** This format with alpha switched on or off (JPEG stays without). */
    public PlateFormat withAlpha(boolean a) {
        return new PlateFormat(container, sampleType, a && container != Container.JPEG, compression);
    }

    @Override
    public String toString() {
        return container.name().toLowerCase(Locale.ROOT) + " " + sampleType.name().toLowerCase(Locale.ROOT)
                + (alpha ? " rgba" : " rgb")
                + (container == Container.EXR ? " " + compression.name().toLowerCase(Locale.ROOT) : "");
    }
}
