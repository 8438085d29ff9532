package dev.photostyle.look;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.io.AtomicOutput;
import dev.photostyle.lut.CubeFile;
import dev.photostyle.lut.Interpolation;
import dev.photostyle.lut.Lut3d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A shot's look: one 3D LUT per mask region, each a colour transform of the network's display
 * sRGB ([0, 1], see {@code colour.ColourSettings}), blended across region edges by the plate's
 * mattes. Stored as a small JSON file naming the regions plus one {@code .cube} per region beside
 * it (relative paths), so a compositing package can load the LUTs themselves.
 *
 * <pre>
 * {"format": "photostyle-look", "version": 1, "interpolation": "tetrahedral", "masked": true,
 *  "blend": 0.0078125, "regions": [{"label": 2, "name": "blue", "lut": "look.2.cube"}], "fit": {...}}
 * </pre>
 *
 * @param regions       the regions, each with its LUT
 * @param interpolation how the LUTs are read
 * @param masked        true when the look was fitted with masks (then applying it needs mattes);
 *                      false: one region covering every pixel
 * @param blend         matte blend radius as a fraction of the plate's long side
 * @param fit           how it was fitted (report; may be empty)
 */
public record Look(List<Region> regions, Interpolation interpolation, boolean masked, double blend, Map<String, Object> fit) {
    /** The format tag of the JSON file. */
    public static final String FORMAT = "photostyle-look";

    /**
     * One region.
     *
     * @param label the mask label (palette index or label value)
     * @param name  its name, for people
     * @param lut   its colour transform
     */
    public record Region(int label, String name, Lut3d lut) {
        public Region {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lut, "lut");
        }
    }

    public Look {
        regions = List.copyOf(regions);
        if (regions.isEmpty()) throw new IllegalArgumentException("a look needs at least one region");
        Objects.requireNonNull(interpolation, "interpolation");
        if (!masked && regions.size() != 1) throw new IllegalArgumentException("a look without masks has exactly one region");
        if (!(blend >= 0 && blend < 1)) throw new IllegalArgumentException("blend must be in [0, 1), got " + blend);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Region r : regions) {
            if (!seen.add(r.label())) throw new IllegalArgumentException("label " + r.label() + " appears twice in the look");
        }
        fit = Map.copyOf(fit);
    }

    /** The regions' labels, in order. */
    public List<Integer> labels() {
        return regions.stream().map(Region::label).toList();
    }

    /** The LUTs, in region order. */
    public List<Lut3d> luts() {
        return regions.stream().map(Region::lut).toList();
    }

    /** The blend radius in pixels for a plate of the given size. */
    public int blendRadius(int width, int height) {
        return (int) Math.round(blend * Math.max(width, height));
    }

    /**
     * Writes the JSON to {@code json} and each region's LUT beside it as
     * {@code <json stem>.<label>.cube}, every file atomically.
     */
    public void write(Path json) throws IOException {
        Path dir = json.toAbsolutePath().getParent();
        String stem = json.getFileName().toString().replaceFirst("\\.json$", "");
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Region r : regions) {
            String file = stem + "." + r.label() + ".cube";
            CubeFile.write(r.lut(), "photostyle look " + stem + " region " + r.label() + " " + r.name().replace("\"", ""),
                    dir.resolve(file));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", r.label());
            m.put("name", r.name());
            m.put("lut", file);
            rs.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 1);
        m.put("space", "network sRGB (display-referred, [0, 1]) in and out; linear/log plates are converted by photostyle");
        m.put("interpolation", interpolation.name().toLowerCase(Locale.ROOT));
        m.put("masked", masked);
        m.put("blend", blend);
        m.put("regions", rs);
        if (!fit.isEmpty()) m.put("fit", fit);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
        AtomicOutput.write(json, out -> out.write(bytes));
    }

    /** Reads a look; its LUT paths are relative to the JSON's folder. */
    @SuppressWarnings("unchecked")
    public static Look read(Path json) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read look " + json + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(json + " is not a photostyle look (no \"format\": \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt() != 1) throw new IOException(json + ": unsupported look version " + root.path("version"));
        Interpolation interp;
        try {
            interp = Interpolation.valueOf(root.path("interpolation").asText("tetrahedral").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException(json + ": unknown interpolation " + root.path("interpolation"));
        }
        Path dir = json.toAbsolutePath().getParent();
        List<Region> regions = new ArrayList<>();
        for (JsonNode r : root.path("regions")) {
            if (!r.path("label").canConvertToInt() || !r.path("lut").isTextual()) {
                throw new IOException(json + ": each region needs an integer \"label\" and a \"lut\" file");
            }
            Path lut = dir.resolve(r.path("lut").asText());
            if (!Files.isRegularFile(lut)) throw new IOException(json + ": LUT file " + lut + " not found");
            regions.add(new Region(r.path("label").asInt(), r.path("name").asText(""), CubeFile.read(lut)));
        }
        Map<String, Object> fit = root.has("fit") ? new ObjectMapper().convertValue(root.get("fit"), Map.class) : Map.of();
        try {
            return new Look(regions, interp, root.path("masked").asBoolean(true), root.path("blend").asDouble(0), fit);
        } catch (IllegalArgumentException e) {
            throw new IOException(json + ": " + e.getMessage(), e);
        }
    }
}
