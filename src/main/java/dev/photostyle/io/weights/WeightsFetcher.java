package dev.photostyle.io.weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Downloads weights into a {@link WeightCache}, verified the way {@code torch.hub} does it: the
 * hex SHA-256 of the file must start with the hash prefix in its name (the {@code dcbb9e9d} of
 * {@code vgg19-dcbb9e9d.pth}); a full expected SHA-256 may be given as well. The bytes go to a
 * {@code .partial} file beside the target and are moved into place only once verified, so a
 * failed or mismatched download leaves nothing behind.
 *
 * <p>Example: {@code Path vgg = new WeightsFetcher(WeightCache.fromEnvironment()).fetchVgg19();}
 */
public final class WeightsFetcher {
    /** torch.hub's {@code HASH_REGEX}: the hex digits after the first '-' and before a '.'. */
    private static final Pattern HASH_PREFIX = Pattern.compile("-([a-f0-9]*)\\.");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int BUFFER = 1 << 16;

    /**
     * @param connectTimeout limit for establishing the connection (and for the response headers)
     * @param showProgress   draw a progress bar (bytes, speed, ETA) on stderr
     */
    public record Options(Duration connectTimeout, boolean showProgress) {
        public Options {
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
            }
        }

        /** 20 s connect timeout, progress bar on. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(20), true);
        }
    }

    private final WeightCache cache;
    private final Options options;

    public WeightsFetcher(WeightCache cache) {
        this(cache, Options.defaults());
    }

    public WeightsFetcher(WeightCache cache, Options options) {
        if (cache == null || options == null) throw new IllegalArgumentException("cache and options must not be null");
        this.cache = cache;
        this.options = options;
    }

    /** torchvision's VGG19 from {@link WeightCache#VGG19_URL}, downloaded unless already cached. */
    public Path fetchVgg19() throws WeightsDownloadException {
        return fetchVgg19(WeightCache.VGG19_URL);
    }

    /** VGG19 weights from another address (a mirror), downloaded unless already cached. */
    public Path fetchVgg19(URI url) throws WeightsDownloadException {
        return fetch(url, null, "VGG19 weights");
    }

    /**
     * The cached copy of {@code url}'s file, downloading and verifying it first if absent.
     *
     * @param expectedSha256 full hex SHA-256 the file must have, or null to rely on the name's prefix
     */
    public Path fetch(URI url, String expectedSha256) throws WeightsDownloadException {
        return fetch(url, expectedSha256, "weights");
    }

    private Path fetch(URI url, String expectedSha256, String what) throws WeightsDownloadException {
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        if (expectedSha256 != null && !SHA256.matcher(expectedSha256).matches()) {
            throw new IllegalArgumentException("expected SHA-256 must be 64 hex digits, got '" + expectedSha256 + "'");
        }
        String fileName = fileName(url);
        Path target = cache.pathFor(fileName);
        if (Files.isRegularFile(target)) return target;
        try {
            Files.createDirectories(cache.dir());
        } catch (IOException e) {
            throw new WeightsDownloadException("cannot create cache directory " + cache.dir() + " (" + reason(e)
                    + "); pass --weights FILE to use a local copy", e);
        }
        Path partial = null;
        boolean done = false;
        try {
            partial = Files.createTempFile(cache.dir(), fileName + ".", ".partial");
            String sha = download(url, partial, fileName, what);
            Optional<String> prefix = hashPrefix(fileName);
            if (prefix.isPresent() && !sha.startsWith(prefix.get())) {
                throw new WeightsDownloadException("downloaded " + what + " from " + url + " have SHA-256 " + sha
                        + ", which does not start with '" + prefix.get() + "' as the file name says; the download "
                        + "was discarded (pass --weights FILE to use a local copy)");
            }
            if (expectedSha256 != null && !sha.equalsIgnoreCase(expectedSha256)) {
                throw new WeightsDownloadException("downloaded " + what + " from " + url + " have SHA-256 " + sha
                        + ", expected " + expectedSha256.toLowerCase() + "; the download was discarded");
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return target;
        } catch (WeightsDownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightsDownloadException("cannot store " + what + " in " + cache.dir() + " (" + reason(e)
                    + "); pass --weights FILE to use a local copy", e);
        } finally {
            if (!done && partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // Nothing more to do: the error being thrown is the one that matters.
                }
            }
        }
    }

    /** Streams the body of {@code url} into {@code partial}, returning its hex SHA-256. */
    private String download(URI url, Path partial, String fileName, String what) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(options.connectTimeout().multipliedBy(3))
                .header("User-Agent", "photostyle")
                .GET().build();
        MessageDigest sha = sha256();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new WeightsDownloadException(cannotDownload(what, url, "HTTP " + response.statusCode()));
                }
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                long got = 0;
                try (OutputStream out = Files.newOutputStream(partial); ProgressBar bar = progressBar(fileName, total)) {
                    byte[] buf = new byte[BUFFER];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        out.write(buf, 0, n);
                        sha.update(buf, 0, n);
                        got += n;
                        if (bar != null) bar.stepTo(got);
                    }
                }
                if (total >= 0 && got != total) {
                    throw new WeightsDownloadException(cannotDownload(what, url,
                            "connection closed after " + got + " of " + total + " bytes"));
                }
            }
        } catch (WeightsDownloadException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeightsDownloadException(cannotDownload(what, url, "interrupted"), e);
        } catch (IOException | UnresolvedAddressException e) {
            throw new WeightsDownloadException(cannotDownload(what, url, reason(e)), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private ProgressBar progressBar(String fileName, long total) {
        if (!options.showProgress()) return null;
        return new ProgressBarBuilder()
                .setTaskName(fileName)
                .setInitialMax(total)
                .setUnit("MiB", 1 << 20)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build();
    }

    private static String cannotDownload(String what, URI url, String reason) {
        return "cannot download " + what + " from " + url + " (" + reason + "); pass --weights FILE to use a local copy";
    }

    /** A short, single-line reason for a network or file failure. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host; are you offline?";
            }
        }
        if (e instanceof HttpConnectTimeoutException) return "connection timed out";
        if (e instanceof HttpTimeoutException) return "no response in time";
        String m = e.getMessage();
        if (e instanceof ConnectException) return m == null || m.isBlank() ? "connection refused" : oneLine(m);
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    /** The hash prefix torch.hub would check for this file name, if it has one. */
    static Optional<String> hashPrefix(String fileName) {
        Matcher m = HASH_PREFIX.matcher(fileName);
        return m.find() && !m.group(1).isEmpty() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The last path segment of {@code url}: the name the file keeps in the cache. */
    static String fileName(URI url) {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("URL does not name a file: " + url);
        }
        return name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
