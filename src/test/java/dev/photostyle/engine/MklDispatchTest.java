package dev.photostyle.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's oneMKL override ({@code src/main/native/mkl_intel_dispatch.c}) changes which
 * sgemm kernel runs, never what it computes: built with the system's C compiler as the launcher
 * builds it and preloaded into a child JVM, the Gram-shaped products agree with a float64
 * reference within the standard float32 error bound, as the default dispatch's do in this JVM.
 * Needs {@code cc} ({@code .ci/run} installs gcc): skipped with a message without it, a failure
 * when {@code CI} is set.
 */
class MklDispatchTest {
    @TempDir
    Path dir;

    @Test
    void mapsListingFindsTheLibraryByItsFileName() {
        String lib = "7f1c2a000000-7f1c2a001000 r-xp 00001000 08:01 123 /opt/x/target/native/" + MklDispatch.LIBRARY;
        assertTrue(MklDispatch.mapsList(List.of("7f00-7f01 r--p 0 0:0 0 /usr/lib/libc.so.6", lib)));
        assertFalse(MklDispatch.mapsList(List.of("7f00-7f01 r--p 0 0:0 0 /usr/lib/libc.so.6",
                "7f00-7f01 r--p 0 0:0 0 /opt/x/" + MklDispatch.LIBRARY + ".partial")));
    }

    @Test
    void thisJvmsProductsMatchTheReference() {
        check(MklProductProbe.products(), "this JVM's dispatch");
    }

    @Test
    void overriddenDispatchProductsMatchTheReference() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "the override is for Linux x86-64");
        Path cc = compiler();
        Path lib = dir.resolve(MklDispatch.LIBRARY);
        Path src = Path.of("src", "main", "native", "mkl_intel_dispatch.c").toAbsolutePath();
        run(List.of(cc.toString(), "-shared", "-fPIC", "-O2", "-o", lib.toString(), src.toString()), null);
        Path out = dir.resolve("products.bin");
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                MklProductProbe.class.getName(), out.toString()));
        run(java, lib);
        float[][] p = {new float[MklProductProbe.C * MklProductProbe.C], new float[MklProductProbe.C * MklProductProbe.N]};
        try (DataInputStream in = new DataInputStream(Files.newInputStream(out))) {
            assertTrue(in.readBoolean(), "the child JVM did not map " + lib);
            for (float[] v : p) for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
        }
        check(p, "overridden dispatch");
    }

    /**
     * Each entry within γ_n Σ|x_k y_k| of the float64 product, γ_n = nu/(1 − nu), u = 2^-24, n the
     * inner dimension: the forward error bound of a float32 inner product in any summation order,
     * fused multiply-adds included (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
     * eq. 3.5). The float64 reference's own error is below 2^-29 of that bound.
     */
    private static void check(float[][] products, String what) {
        float[] a = MklProductProbe.features();
        int c = MklProductProbe.C, n = MklProductProbe.N;
        float[] at = new float[n * c];
        for (int i = 0; i < c; i++) for (int k = 0; k < n; k++) at[k * c + i] = a[i * n + k];
        assertProduct(a, at, c, n, c, products[0], what + ": A Aᵀ");
        assertProduct(MklProductProbe.error(), a, c, c, n, products[1], what + ": D A");
    }

    /** {@code actual} (m x n) against the float64 product of x (m x k) and y (k x n), all row-major. */
    private static void assertProduct(float[] x, float[] y, int m, int k, int n, float[] actual, String what) {
        double u = Math.pow(2, -24), gamma = k * u / (1 - k * u);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int t = 0; t < k; t++) {
                    double xy = (double) x[i * k + t] * y[t * n + j];
                    s += xy;
                    abs += Math.abs(xy);
                }
                assertEquals(s, actual[i * n + j], gamma * abs, what + " at " + i + "," + j);
            }
        }
    }

    private static Path compiler() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "cc");
            if (!d.isEmpty() && Files.isExecutable(p)) return p;
        }
        String msg = "no C compiler (cc) on PATH: install gcc to check the launcher's oneMKL override";
        if (System.getenv("CI") != null) fail(msg + "; CI is set, so this is a failure, not a skip");
        assumeTrue(false, msg);
        return null;
    }

    private static void run(List<String> command, Path preload) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (preload != null) pb.environment().put("LD_PRELOAD", preload.toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command.get(0) + " did not finish");
        assertEquals(0, p.exitValue(), command.get(0) + " failed: " + log);
    }
}
