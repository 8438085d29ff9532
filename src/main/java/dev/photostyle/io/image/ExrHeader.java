package dev.photostyle.io.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of an OpenEXR header this project needs: channel names and pixel types, compression,
 * data window. OpenCV decodes every EXR to 32-bit float and says nothing about how it was stored;
 * this tells a reader whether the file held half or float samples and alpha, so that the output
 * can keep them. Layout per the OpenEXR file-layout document ("Technical Introduction",
 * openexr.com): magic, version/flags, then {@code name\0 type\0 int32 size, value} attributes
 * up to an empty name.
 *
 * @param channels    channel names and pixel types, in file order (alphabetical for EXR)
 * @param compression the header's compression attribute
 * @param width       data-window width
 * @param height      data-window height
 * @param tiled       whether the single-part file is tiled
 */
public record ExrHeader(List<Channel> channels, PlateFormat.Compression compression, int width, int height,
                        boolean tiled) {

    /** EXR magic number, little-endian int 20000630. */
    public static final int MAGIC = 20000630;

    /** Stored pixel types in EXR's numbering. */
    public enum PixelType { UINT, HALF, FLOAT }

    /** One channel of the channel list. */
    public record Channel(String name, PixelType type, int xSampling, int ySampling) {}

    /** Reads the header of {@code path}; a one-line IOException naming the file if it is not plain EXR. */
    public static ExrHeader read(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(1 << 16); // headers are small; 64 KiB is ample
        }
        try {
            return parse(ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN), path);
        } catch (RuntimeException e) {
            throw new IOException("cannot read EXR " + path + ": malformed header (" + ImageFiles.oneLine(e) + ")", e);
        }
    }

    private static ExrHeader parse(ByteBuffer b, Path path) throws IOException {
        if (b.remaining() < 8 || b.getInt() != MAGIC) throw new IOException("not an OpenEXR file: " + path);
        int version = b.getInt();
        boolean tiled = (version & 0x200) != 0;
        if ((version & 0x800) != 0) throw new IOException("unsupported EXR (deep data): " + path);
        if ((version & 0x1000) != 0) throw new IOException("unsupported EXR (multi-part): " + path);
        List<Channel> channels = new ArrayList<>();
        PlateFormat.Compression compression = null;
        int width = -1;
        int height = -1;
        while (true) {
            String name = cString(b);
            if (name.isEmpty()) break;
            cString(b); // attribute type name; the attribute name is enough here
            int size = b.getInt();
            int end = b.position() + size;
            switch (name) {
                case "channels" -> {
                    while (true) {
                        String ch = cString(b);
                        if (ch.isEmpty()) break;
                        int pt = b.getInt();
                        b.getInt(); // pLinear + 3 reserved bytes
                        int xs = b.getInt();
                        int ys = b.getInt();
                        if (pt < 0 || pt > 2) throw new IOException("EXR channel " + ch + " has unknown pixel type " + pt + ": " + path);
                        channels.add(new Channel(ch, PixelType.values()[pt], xs, ys));
                    }
                }
                case "compression" -> compression = switch (b.get()) {
                    case 0 -> PlateFormat.Compression.NONE;
                    case 2 -> PlateFormat.Compression.ZIPS;
                    case 3 -> PlateFormat.Compression.ZIP;
                    case 4 -> PlateFormat.Compression.PIZ;
                    default -> PlateFormat.Compression.OTHER;
                };
                case "dataWindow" -> {
                    int x0 = b.getInt(), y0 = b.getInt(), x1 = b.getInt(), y1 = b.getInt();
                    width = x1 - x0 + 1;
                    height = y1 - y0 + 1;
                }
                default -> { }
            }
            b.position(end); // skip whatever of the value was not parsed
        }
        if (channels.isEmpty() || compression == null || width <= 0 || height <= 0) {
            throw new IOException("cannot read EXR " + path + ": header lacks channels, compression or dataWindow");
        }
        return new ExrHeader(List.copyOf(channels), compression, width, height, tiled);
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) { /* scan to NUL */ }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.ISO_8859_1);
    }

    /** True if a channel named A (any layer-less alpha) is present. */
    public boolean hasAlpha() {
        return channels.stream().anyMatch(c -> c.name().equals("A"));
    }

    /** HALF if every channel is half, FLOAT otherwise (UINT channels are widened to float). */
    public PlateFormat.SampleType sampleType() {
        return channels.stream().allMatch(c -> c.type() == PixelType.HALF)
                ? PlateFormat.SampleType.HALF : PlateFormat.SampleType.FLOAT;
    }

    /** True for luminance/chroma files (Y, RY, BY channels) rather than RGB. */
    public boolean isLuminanceChroma() {
        return channels.stream().anyMatch(c -> c.name().equals("Y"))
                && channels.stream().noneMatch(c -> c.name().equals("R") || c.name().equals("G"));
    }
}
