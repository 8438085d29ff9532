package dev.photostyle.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes job files (JSON). Relative paths are relative to the job file's folder.
 *
 * <pre>{@code
 * {
 *   "content": "plate.png",
 *   "output": "plate_graded.png",                       (optional; else run -o)
 *   "regions": [
 *     { "name": "sky",
 *       "matte": { "file": "plate_mask.png", "colour": "blue" },
 *       "style": "sunset.png",
 *       "style_matte": { "file": "sunset_mask.png", "colour": "blue" },   (optional; default "whole")
 *       "weight": 1.0,                                  (optional style strength, default 1)
 *       "style_layers": ["relu1_1", "relu2_1"] },       (optional; default the run's --style-layers)
 *     { "name": "building",
 *       "matte": { "file": "building_alpha.png", "soft": "alpha" },
 *       "style": "dusk.png" }
 *   ],
 *   "unassigned": "keep"                                (default; or { "style": ..., "style_matte": ..., "weight": ... })
 * }
 * }</pre>
 * A matte is {@code "whole"}, or {@code {"file": F}} with exactly one of {@code "colour": NAME}
 * (a colour-coded mask), {@code "label": N} (a label map) or {@code "soft": "gray"|"alpha"}
 * (a soft matte). Unknown keys are errors (a typo must not silently change a job).
 */
public final class JobFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP = Set.of("content", "output", "regions", "unassigned");
    private static final Set<String> REGION = Set.of("name", "matte", "style", "style_matte", "weight", "style_layers");
    private static final Set<String> UNASSIGNED = Set.of("style", "style_matte", "weight", "style_layers");
    private static final Set<String> MATTE = Set.of("file", "colour", "color", "label", "soft");

    private JobFile() {}

    /** Reads a job file; paths come back absolute, resolved against its folder. */
    public static JobSpec read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("job file not found: " + file);
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            return parse(text, dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses job JSON; relative paths are resolved against {@code dir}. */
    public static JobSpec parse(String json, Path dir) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("a job file is a JSON object");
        keys(root, TOP, "the job");
        Path content = Path.of(text(root, "content", "the job", true));
        String out = text(root, "output", "the job", false);
        JsonNode regs = root.get("regions");
        if (regs == null || !regs.isArray() || regs.isEmpty()) {
            throw new IllegalArgumentException("'regions' must be a non-empty list");
        }
        List<RegionSpec> regions = new ArrayList<>();
        for (int i = 0; i < regs.size(); i++) {
            JsonNode r = regs.get(i);
            String where = "region " + (i + 1);
            if (!r.isObject()) throw new IllegalArgumentException(where + " must be an object");
            keys(r, REGION, where);
            String name = r.has("name") ? text(r, "name", where, true) : "region" + (i + 1);
            where = "region '" + name + "'";
            if (!r.has("matte")) throw new IllegalArgumentException(where + ": 'matte' is missing");
            regions.add(region(r, name, matte(r.get("matte"), where + " matte"), where));
        }
        RegionSpec unassigned = null;
        JsonNode u = root.get("unassigned");
        if (u != null && !(u.isTextual() && u.asText().equals("keep"))) {
            if (!u.isObject()) throw new IllegalArgumentException("'unassigned' must be \"keep\" or an object with a style");
            keys(u, UNASSIGNED, "unassigned");
            unassigned = region(u, "unassigned", MatteSpec.WHOLE, "unassigned");
        }
        return new JobSpec(content, out == null ? null : Path.of(out), regions, unassigned).resolve(dir);
    }

    private static RegionSpec region(JsonNode r, String name, MatteSpec matte, String where) {
        Path style = Path.of(text(r, "style", where, true));
        MatteSpec sm = r.has("style_matte") ? matte(r.get("style_matte"), where + " style_matte") : MatteSpec.WHOLE;
        double weight = 1.0;
        if (r.has("weight")) {
            if (!r.get("weight").isNumber()) throw new IllegalArgumentException(where + ": 'weight' must be a number");
            weight = r.get("weight").asDouble();
        }
        List<String> layers = null;
        if (r.has("style_layers")) {
            JsonNode l = r.get("style_layers");
            if (!l.isArray()) throw new IllegalArgumentException(where + ": 'style_layers' must be a list of layer names");
            layers = new ArrayList<>();
            for (JsonNode x : l) layers.add(x.asText().trim());
        }
        return new RegionSpec(name, matte, style, sm, weight, layers);
    }

    private static MatteSpec matte(JsonNode m, String where) {
        if (m.isTextual() && m.asText().equals("whole")) return MatteSpec.WHOLE;
        if (!m.isObject()) throw new IllegalArgumentException(where + " must be \"whole\" or an object with a file");
        keys(m, MATTE, where);
        Path file = Path.of(text(m, "file", where, true));
        int kinds = (m.has("colour") || m.has("color") ? 1 : 0) + (m.has("label") ? 1 : 0) + (m.has("soft") ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException(where + ": give exactly one of 'colour', 'label' or 'soft'");
        }
        try {
            if (m.has("label")) {
                if (!m.get("label").canConvertToInt()) throw new IllegalArgumentException("'label' must be an integer");
                return MatteSpec.label(file, m.get("label").asInt());
            }
            if (m.has("soft")) {
                String s = m.get("soft").asText();
                if (s.equals("gray") || s.equals("grey")) return MatteSpec.gray(file);
                if (s.equals("alpha")) return MatteSpec.alpha(file);
                throw new IllegalArgumentException("'soft' must be \"gray\" or \"alpha\", got '" + s + "'");
            }
            return MatteSpec.colour(file, (m.has("colour") ? m.get("colour") : m.get("color")).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void keys(JsonNode n, Set<String> known, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static String text(JsonNode n, String key, String where, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException(where + ": '" + key + "' is missing");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(where + ": '" + key + "' must be a non-empty string");
        return v.asText();
    }

    /** The job as JSON, with paths relative to {@code dir} where they lie under it. */
    public static String toJson(JobSpec job, Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("content", rel(job.content(), dir));
        if (job.output() != null) root.put("output", rel(job.output(), dir));
        ArrayNode regions = root.putArray("regions");
        for (RegionSpec r : job.regions()) {
            ObjectNode o = regions.addObject();
            o.put("name", r.name());
            o.set("matte", matteJson(r.matte(), dir));
            regionFields(o, r, dir);
        }
        if (job.unassigned() == null) {
            root.put("unassigned", "keep");
        } else {
            regionFields(root.putObject("unassigned"), job.unassigned(), dir);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #toJson} to {@code file}, paths relative to its folder. */
    public static void write(JobSpec job, Path file) throws IOException {
        Files.writeString(file, toJson(job, file.toAbsolutePath().getParent()));
    }

    private static void regionFields(ObjectNode o, RegionSpec r, Path dir) {
        o.put("style", rel(r.style(), dir));
        o.set("style_matte", matteJson(r.styleMatte(), dir));
        o.put("weight", r.weight());
        if (r.styleLayers() != null) {
            ArrayNode l = o.putArray("style_layers");
            r.styleLayers().forEach(l::add);
        }
    }

    private static JsonNode matteJson(MatteSpec m, Path dir) {
        if (m.kind() == MatteSpec.Kind.WHOLE) return JSON.getNodeFactory().textNode("whole");
        ObjectNode o = JSON.createObjectNode();
        o.put("file", rel(m.file(), dir));
        switch (m.kind()) {
            case COLOUR -> o.put("colour", m.colour());
            case LABEL -> o.put("label", m.label());
            case GRAY -> o.put("soft", "gray");
            case ALPHA -> o.put("soft", "alpha");
            default -> { }
        }
        return o;
    }

    private static String rel(Path p, Path dir) {
        Path a = p.toAbsolutePath().normalize();
        Path d = dir.toAbsolutePath().normalize();
        return (a.startsWith(d) ? d.relativize(a) : a).toString();
    }
}
