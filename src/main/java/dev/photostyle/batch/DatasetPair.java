package dev.photostyle.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One pair of a dataset laid out like the Deep Photo Style Transfer examples (Luan et al. 2017):
 * {@code input/inN.png}, {@code style/tarN.png}, {@code segmentation/inN.png} and
 * {@code segmentation/tarN.png}, and optionally the paper's {@code paper_results/bestN_t_1000.png}.
 *
 * <p>Example: {@code for (DatasetPair p : DatasetPair.discover(dir, Set.of())) p.content();}
 *
 * @param number N
 * @param content the content image
 * @param style the style image
 * @param contentMask the content mask, or null if absent (then styleMask is null too)
 * @param styleMask the style mask, or null
 * @param reference the reference (paper) result, or null if absent
 */
public record DatasetPair(int number, Path content, Path style, Path contentMask, Path styleMask, Path reference) {
    private static final Pattern INPUT = Pattern.compile("in(\\d+)\\.(png|jpg|jpeg|tif|tiff|exr)", Pattern.CASE_INSENSITIVE);

    /** The pair's name, {@code inN}. */
    public String name() { return "in" + number; }

    /**
     * Every pair of {@code dataset}, by number; only {@code select} if not empty.
     *
     * @throws IllegalArgumentException if the folder has no {@code input/}, a selected pair is
     *     missing, or a content has no style
     */
    public static List<DatasetPair> discover(Path dataset, Collection<Integer> select) throws IOException {
        Path input = dataset.resolve("input");
        if (!Files.isDirectory(input)) throw new IllegalArgumentException("dataset has no input/ folder: " + dataset);
        Set<Integer> numbers = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(input)) {
            files = s.sorted().toList();
        }
        List<DatasetPair> out = new ArrayList<>();
        for (Path f : files) {
            Matcher m = INPUT.matcher(f.getFileName().toString());
            if (!m.matches()) continue;
            int n = Integer.parseInt(m.group(1));
            if (!select.isEmpty() && !select.contains(n)) continue;
            if (!numbers.add(n)) continue;
            String ext = m.group(2);
            Path style = find(dataset.resolve("style"), "tar" + n, ext);
            if (style == null) throw new IllegalArgumentException("pair " + n + ": no style/tar" + n + " image");
            Path cm = find(dataset.resolve("segmentation"), "in" + n, "png");
            Path sm = find(dataset.resolve("segmentation"), "tar" + n, "png");
            if (cm == null || sm == null) { cm = null; sm = null; }
            Path ref = find(dataset.resolve("paper_results"), "best" + n + "_t_1000", "png");
            out.add(new DatasetPair(n, f, style, cm, sm, ref));
        }
        out.sort(java.util.Comparator.comparingInt(DatasetPair::number));
        for (int n : select) {
            if (!numbers.contains(n)) throw new IllegalArgumentException("--pairs: no pair " + n + " in " + input);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no input/inN images in " + input);
        return out;
    }

    private static Path find(Path dir, String stem, String preferredExt) {
        for (String ext : new String[] {preferredExt, "png", "jpg", "jpeg", "tif", "tiff", "exr"}) {
            Path p = dir.resolve(stem + "." + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
