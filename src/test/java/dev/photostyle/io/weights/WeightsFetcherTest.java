package dev.photostyle.io.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The fetcher against a local HTTP server on 127.0.0.1; no internet involved. */
class WeightsFetcherTest {
    static final byte[] BODY = "pretend these are VGG19 weights\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    static final String SHA = sha256(BODY);
    static final String GOOD = "/models/tiny-" + SHA.substring(0, 8) + ".pth";
    static final String BAD = "/models/tiny-00000000.pth";

    @TempDir
    Path cacheDir;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = startServer(requests);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Serves {@link #BODY} under {@link #GOOD} and {@link #BAD}, 404 elsewhere. */
    static HttpServer startServer(AtomicInteger requests) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            requests.incrementAndGet();
            String p = ex.getRequestURI().getPath();
            if (p.equals(GOOD) || p.equals(BAD)) {
                ex.sendResponseHeaders(200, BODY.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(BODY);
                }
            } else {
                ex.sendResponseHeaders(404, -1);
                ex.close();
            }
        });
        s.start();
        return s;
    }

    static URI url(HttpServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path);
    }

    private WeightsFetcher fetcher() {
        return new WeightsFetcher(new WeightCache(cacheDir), new WeightsFetcher.Options(Duration.ofSeconds(5), false));
    }

    @Test
    void successPutsTheVerifiedFileInTheCacheAndReusesIt() throws Exception {
        Path p = fetcher().fetch(url(server, GOOD), SHA);
        assertEquals(cacheDir.resolve(GOOD.substring(GOOD.lastIndexOf('/') + 1)), p);
        assertArrayEquals(BODY, Files.readAllBytes(p));
        assertEquals(List.of(p), files());
        assertEquals(Optional.of(p), new WeightCache(cacheDir).find(p.getFileName().toString()));
        Path again = fetcher().fetch(url(server, GOOD), null);
        assertEquals(p, again);
        assertEquals(1, requests.get(), "a cached file is not downloaded again");
    }

    @Test
    void hashPrefixMismatchLeavesNoFile() throws Exception {
        WeightsDownloadException e = assertThrows(WeightsDownloadException.class, () -> fetcher().fetchVgg19(url(server, BAD)));
        assertTrue(e.getMessage().contains("does not start with '00000000'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of(), files());
    }

    @Test
    void fullHashMismatchLeavesNoFile() throws Exception {
        String wrong = "f".repeat(64);
        WeightsDownloadException e = assertThrows(WeightsDownloadException.class, () -> fetcher().fetch(url(server, GOOD), wrong));
        assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void httpErrorNamesTheStatus() throws Exception {
        WeightsDownloadException e = assertThrows(WeightsDownloadException.class,
                () -> fetcher().fetchVgg19(url(server, "/models/vgg19-dcbb9e9d.pth")));
        assertTrue(e.getMessage().contains("(HTTP 404)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("pass --weights FILE to use a local copy"), e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void connectionRefusedTellsTheUserToPassWeights() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        URI u = URI.create("http://127.0.0.1:" + port + "/models/vgg19-dcbb9e9d.pth");
        WeightsDownloadException e = assertThrows(WeightsDownloadException.class, () -> fetcher().fetchVgg19(u));
        assertEquals("cannot download VGG19 weights from " + u
                + " (connection refused); pass --weights FILE to use a local copy", e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void hashPrefixFollowsTorchHub() {
        assertEquals(Optional.of("dcbb9e9d"), WeightsFetcher.hashPrefix("vgg19-dcbb9e9d.pth"));
        assertEquals(Optional.empty(), WeightsFetcher.hashPrefix("vgg19.pth"));
        assertEquals("vgg19-dcbb9e9d.pth", WeightsFetcher.fileName(WeightCache.VGG19_URL));
    }

    @Test
    void cacheDirectoryComesFromArgumentThenEnvironmentThenHome() {
        assertEquals(Path.of("/env/cache"), WeightCache.defaultDir(Map.of(WeightCache.ENV, "/env/cache"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/photostyle"), WeightCache.defaultDir(Map.of(), "/home/u"));
        assertEquals(cacheDir.toAbsolutePath(), new WeightCache(cacheDir).dir());
        assertThrows(IllegalArgumentException.class, () -> new WeightCache(cacheDir).pathFor("../x.pth"));
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.toList();
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
