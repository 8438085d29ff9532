package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine;

/** The {@code weights} command end to end, against temp files and a local HTTP server. */
class WeightsCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new WeightsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoPrintsNamesAndShapes() throws Exception {
        String header = "{\"conv.weight\":{\"dtype\":\"F32\",\"shape\":[2,1,1,1],\"data_offsets\":[0,8]},"
                + "\"conv.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = Files.write(dir.resolve("m.safetensors"), b.array());
        Run r = run("info", f.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].matches("conv\\.weight\\s+\\[2, 1, 1, 1]"), lines[0]);
        assertTrue(lines[1].matches("conv\\.bias\\s+\\[2]"), lines[1]);
        assertEquals("2 tensors, 4 values", lines[2]);
    }

    @Test
    void infoOnAMissingFileIsOneLineOnStderr() {
        Path f = dir.resolve("missing.pth");
        Run r = run("info", f.toString());
        assertEquals(1, r.code());
        assertEquals("error: " + f + ": no such file", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void fetchDownloadsIntoTheCacheDirAndListShowsIt() throws Exception {
        byte[] body = "weights".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        String name = "vgg19-" + sha.substring(0, 8) + ".pth";
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (var o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        try {
            Path cache = dir.resolve("cache");
            // Without --quiet: exercises the progress bar too.
            Run r = run("fetch", "--cache-dir", cache.toString(), "--url",
                    "http://127.0.0.1:" + s.getAddress().getPort() + "/m/" + name);
            assertEquals(0, r.code(), r.err());
            assertEquals(cache.resolve(name).toAbsolutePath().toString(), r.out().strip());
            assertEquals(body.length, Files.size(cache.resolve(name)));
            Run l = run("list", "--cache-dir", cache.toString());
            assertTrue(l.out().startsWith(name), l.out());
        } finally {
            s.stop(0);
        }
    }

    @Test
    void fetchWhenOfflinePointsToWeightsOption() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Run r = run("fetch", "-q", "--cache-dir", dir.toString(), "--url", "http://127.0.0.1:" + port + "/vgg19-dcbb9e9d.pth");
        assertEquals(1, r.code());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: cannot download VGG19 weights from http://127.0.0.1:" + port), err);
        assertTrue(err.endsWith("pass --weights FILE to use a local copy"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing subcommand"), r.err());
    }
}
