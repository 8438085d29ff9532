package dev.photostyle.spark;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line an executor parses: every file argument made absolute against the driver's
 * working folder, since an executor runs in a folder of its own (on a cluster, the paths must then
 * name the same files on every machine: a shared mount).
 *
 * <p>An argument names a file when its type is a path or its label says so ({@code FILE},
 * {@code PATTERN}, {@code DIR}, {@code *.json}); values that are keywords of the label
 * ({@code content} of {@code content|noise|FILE}) are kept. Options come first, each value with
 * its option's longest name, then {@code --} and the positional parameters.
 *
 * <p>Example: {@code look.json --content p.%04d.png -o out/o.%04d.png --frames 1-8} run in {@code /shot}
 * becomes {@code --content /shot/p.%04d.png -o /shot/out/o.%04d.png --frames 1-8 -- /shot/look.json}.
 */
final class ArgPaths {
    private ArgPaths() {}

    /** The arguments of {@code parsed} (one command, no subcommands) with absolute file arguments. */
    static List<String> absolute(ParseResult parsed, Path base) {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            List<String> raw = o.originalStringValues();
            if (o.arity().max() == 0) {
                // a flag: once per occurrence
                int n = Math.max(1, raw.size());
                for (int i = 0; i < n; i++) out.add(o.longestName());
                continue;
            }
            for (String v : raw) {
                out.add(o.longestName());
                out.add(convert(o, v, base));
            }
        }
        List<PositionalParamSpec> ps = parsed.matchedPositionals();
        if (!ps.isEmpty()) out.add("--");
        for (PositionalParamSpec p : ps) {
            for (String v : p.originalStringValues()) out.add(convert(p, v, base));
        }
        return out;
    }

    /** {@code value} resolved against {@code base} when {@code spec} names a file and it is not a keyword. */
    static String convert(ArgSpec spec, String value, Path base) {
        if (!namesFile(spec) || keywords(spec).contains(value.toLowerCase(Locale.ROOT))) return value;
        return base.resolve(value).toString();
    }

    /** True when the argument is a file: a Path or File, or a label with FILE, PATTERN, DIR or .json. */
    static boolean namesFile(ArgSpec spec) {
        Class<?> t = spec.type();
        Class<?>[] aux = spec.auxiliaryTypes();
        if (isPathType(t) || (aux != null && aux.length > 0 && isPathType(aux[0]))) return true;
        String label = spec.paramLabel() == null ? "" : spec.paramLabel();
        return Arrays.stream(label.split("[|,\\[\\]. ]+"))
                .anyMatch(tok -> tok.equals("FILE") || tok.equals("PATTERN") || tok.equals("DIR") || tok.equals("json"));
    }

    private static boolean isPathType(Class<?> t) {
        return t == Path.class || t == File.class;
    }

    /** The lower-case words of a label such as {@code content|noise|FILE}: values that are not files. */
    private static Set<String> keywords(ArgSpec spec) {
        String label = spec.paramLabel() == null ? "" : spec.paramLabel();
        return Arrays.stream(label.split("\\|")).filter(w -> w.matches("[a-z][a-z-]*")).collect(Collectors.toSet());
    }
}
