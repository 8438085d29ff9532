package dev.photostyle.pipeline;

import dev.photostyle.io.image.PlateFormat;
import dev.photostyle.io.image.PlateIO;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.photostyle.io.AtomicOutput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a finished plate and its report, each atomically (a reader never sees half a file, and a
 * failed run leaves none).
 *
 * <pre>{@code PlateOutput.write(result, Path.of("out.exr"), Path.of("out.json"), Map.of("content", "in.exr")); }</pre>
 */
public final class PlateOutput {
    private PlateOutput() {}

    /**
     * Writes {@code r.plate()} to {@code output} (keeping the input's bit depth where the container
     * can hold it) and, if {@code report} is not null, the report with {@code extra} and the output's
     * name added.
     */
    public static void write(PlateResult r, Path output, Path report, Map<String, Object> extra) throws IOException {
        long t = System.nanoTime();
        PlateIO.write(r.plate(), output, format(r.inputFormat(), output, r.plate().hasAlpha()));
        if (report != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tool", r.report().get("tool"));
            m.putAll(extra);
            m.put("output", output.toString());
            m.put("output_size", Map.of("width", r.plate().width(), "height", r.plate().height()));
            for (Map.Entry<String, Object> e : r.report().entrySet()) m.putIfAbsent(e.getKey(), e.getValue());
            m.put("write_s", (System.nanoTime() - t) / 1e9);
            writeJson(report, m);
        }
    }

    /** Writes a report (nested maps, lists, numbers, strings) as indented JSON, atomically. */
    public static void writeJson(Path path, Map<String, Object> report) throws IOException {
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report);
        AtomicOutput.write(path, out -> out.write(bytes));
    }

    /** Keeps the input's depth where the output container can hold it (16-bit PNG/TIFF, half/float EXR). */
    public static PlateFormat format(PlateFormat input, Path output, boolean alpha) {
        PlateFormat.Container target = PlateFormat.containerOf(output);
        PlateFormat f = input.container() == target ? input : PlateFormat.forPath(output);
        return f.withAlpha(alpha && target != PlateFormat.Container.JPEG);
    }
}
