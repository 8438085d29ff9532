package dev.photostyle.metrics.report;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTML/SVG text helpers: escaping and number formatting. */
final class Html {
    private Html() {}

    /** Escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Percent-encodes one URL path segment (RFC 3986 unreserved characters stay as they are). */
    static String encodeSegment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return b.toString();
    }

    /** A compact number: 4 significant digits, scientific for very small or large magnitudes. */
    static String num(Double v) {
        if (v == null || !Double.isFinite(v)) return "&ndash;";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.3e", v);
        if (v == Math.rint(v) && a < 1e5) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Coordinates in SVG: 1 decimal. */
    static String coord(double v) { return String.format(Locale.ROOT, "%.1f", v); }
}
