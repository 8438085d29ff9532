package dev.photostyle.io.image;

import dev.photostyle.io.FileAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
 * @param yMin        data-window top row (a scanline chunk names its first row in these coordinates)
 * @param tableOffset file offset of the chunk offset table, which follows the header
 */
public record ExrHeader(List<Channel> channels, PlateFormat.Compression compression, int width, int height,
                        boolean tiled, int yMin, long tableOffset) {

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
        } catch (IOException e) {
            throw FileAccess.readFailure(path, e);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        Parsed parsed;
        try {
            parsed = parse(b, path);
        } catch (RuntimeException e) {
            String why = e instanceof BufferUnderflowException ? "the header is truncated"
                    : "malformed header (" + ImageFiles.oneLine(e) + ")";
            throw new IOException("cannot read EXR " + path + ": " + why, e);
        }
        ExrHeader h = parsed.header();
        if (!h.tiled()) requireAllChunks(path, b.position(), chunkCount(h.height(), parsed.compressionCode()));
        return h;
    }

    /** The header and its raw compression code (which tells the scanlines per chunk). */
    private record Parsed(ExrHeader header, int compressionCode) {}

    /**
     * Fails if a scanline file ends before its last chunk does. The offset table follows the header
     * (one uint64 file offset per chunk); a chunk starts with int32 y and int32 data size. OpenEXR
     * would report a truncated file only through OpenCV's log on stderr, so it is checked here.
     */
    private static void requireAllChunks(Path path, long tableStart, int chunks) throws IOException {
        try (FileChannel ch = FileChannel.open(path)) {
            long size = ch.size();
            ByteBuffer table = ByteBuffer.allocate(Math.multiplyExact(chunks, 8)).order(ByteOrder.LITTLE_ENDIAN);
            while (table.hasRemaining() && ch.read(table, tableStart + table.position()) > 0) { /* fill */ }
            if (table.hasRemaining()) throw truncated(path);
            table.flip();
            long last = 0;
            for (int i = 0; i < chunks; i++) last = Math.max(last, table.getLong());
            ByteBuffer chunkHead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (last < tableStart || last + 8 > size) throw truncated(path);
            ch.read(chunkHead, last);
            long end = last + 8 + Integer.toUnsignedLong(chunkHead.getInt(4));
            if (end > size) throw truncated(path);
        } catch (ArithmeticException e) {
            throw new IOException("cannot read EXR " + path + ": malformed header (too many chunks)", e);
        }
    }

    private static IOException truncated(Path path) {
        return new IOException("cannot read EXR " + path + ": the file is truncated (it ends before its last scanlines)");
    }

    /** Scanlines per chunk by compression (OpenEXR file layout): 1 for none/RLE/ZIPS, 16 ZIP/PXR24, 256 DWAB, else 32. */
    private static int chunkCount(int height, int compressionCode) {
        int lines = linesPerChunk(compressionCode);
        return (height + lines - 1) / lines;
    }

    private static int linesPerChunk(int compressionCode) {
        return switch (compressionCode) {
            case 0, 1, 2 -> 1;
            case 3, 5 -> 16;
            case 9 -> 256;
            default -> 32;
        };
    }

    /** Scanlines per chunk of this scanline file, for the compressions this project writes (none, ZIPS, ZIP); 0 for others. */
    public int linesPerChunk() {
        return switch (compression) {
            case NONE, ZIPS -> 1;
            case ZIP -> 16;
            default -> 0;
        };
    }

    private static Parsed parse(ByteBuffer b, Path path) throws IOException {
        if (b.remaining() < 8 || b.getInt() != MAGIC) throw new IOException("not an OpenEXR file: " + path);
        int version = b.getInt();
        boolean tiled = (version & 0x200) != 0;
        if ((version & 0x800) != 0) throw new IOException("unsupported EXR (deep data): " + path);
        if ((version & 0x1000) != 0) throw new IOException("unsupported EXR (multi-part): " + path);
        List<Channel> channels = new ArrayList<>();
        PlateFormat.Compression compression = null;
        int compressionCode = -1;
        int width = -1;
        int height = -1;
        int yMin = 0;
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
                case "compression" -> compression = switch (compressionCode = b.get()) {
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
                    yMin = y0;
                }
                default -> { }
            }
            b.position(end); // skip whatever of the value was not parsed
        }
        if (channels.isEmpty() || compression == null || width <= 0 || height <= 0) {
            throw new IOException("cannot read EXR " + path + ": header lacks channels, compression or dataWindow");
        }
        return new Parsed(new ExrHeader(List.copyOf(channels), compression, width, height, tiled, yMin, b.position()), compressionCode);
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) { /* scan to NUL */ }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.ISO_8859_1);
    }

    /**
     * Channels of the decoded image: OpenCV gives gray for a single channel, BGR for RGB and
     * luminance/chroma files, BGRA when alpha is present.
     */
    public int decodedChannels() {
        if (hasAlpha()) return 4;
        return channels.size() == 1 ? 1 : 3;
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
