package dev.photostyle.job;

import dev.photostyle.mask.Palette;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which pixels of an image a region covers.
 *
 * <ul>
 *   <li>{@link Kind#WHOLE}: every pixel (no file);</li>
 *   <li>{@link Kind#COLOUR}: the pixels of one palette colour of a colour-coded mask (the paper's
 *       nine colours; anti-aliased pixels snap to the nearest);</li>
 *   <li>{@link Kind#LABEL}: the pixels of one integer label of a single-channel label map;</li>
 *   <li>{@link Kind#GRAY}: a soft matte, the gray value (mean of RGB for a colour file) in [0, 1];</li>
 *   <li>{@link Kind#ALPHA}: a soft matte, the file's alpha channel.</li>
 * </ul>
 *
 * @param kind   how the file is read
 * @param file   the matte file (null for WHOLE), absolute once resolved against the job's folder
 * @param colour palette colour name for COLOUR, else null
 * @param label  label for LABEL, else -1
 */
public record MatteSpec(Kind kind, Path file, String colour, int label) {
    /** How a matte is given. */
    public enum Kind { WHOLE, COLOUR, LABEL, GRAY, ALPHA }

    /** The whole image. */
    public static final MatteSpec WHOLE = new MatteSpec(Kind.WHOLE, null, null, -1);

    public MatteSpec {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.WHOLE) != (file == null)) {
            throw new IllegalArgumentException(kind == Kind.WHOLE ? "a whole-image matte has no file" : "matte needs a file");
        }
        if (kind == Kind.COLOUR) {
            Objects.requireNonNull(colour, "colour");
            try {
                Palette.labelOf(colour);
            } catch (java.util.NoSuchElementException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        } else if (colour != null) {
            throw new IllegalArgumentException("only a colour matte has a colour");
        }
        if (kind == Kind.LABEL && label < 0) throw new IllegalArgumentException("matte label must be >= 0, got " + label);
        if (kind != Kind.LABEL) label = -1;
    }

    public static MatteSpec colour(Path file, String colour) { return new MatteSpec(Kind.COLOUR, file, colour, -1); }

    public static MatteSpec label(Path file, int label) { return new MatteSpec(Kind.LABEL, file, null, label); }

    public static MatteSpec gray(Path file) { return new MatteSpec(Kind.GRAY, file, null, -1); }

    public static MatteSpec alpha(Path file) { return new MatteSpec(Kind.ALPHA, file, null, -1); }

    /** The same matte with its file resolved against {@code dir} (absolute, normalised). */
    public MatteSpec resolve(Path dir) {
        return file == null ? this : new MatteSpec(kind, dir.resolve(file).toAbsolutePath().normalize(), colour, label);
    }

    /** For messages: e.g. {@code colour blue of sky.png}. */
    public String describe() {
        return switch (kind) {
            case WHOLE -> "the whole image";
            case COLOUR -> "colour " + colour.toLowerCase(Locale.ROOT) + " of " + file.getFileName();
            case LABEL -> "label " + label + " of " + file.getFileName();
            case GRAY -> "gray matte " + file.getFileName();
            case ALPHA -> "alpha of " + file.getFileName();
        };
    }
}
