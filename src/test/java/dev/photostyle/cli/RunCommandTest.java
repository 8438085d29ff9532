package dev.photostyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run}'s failures before any work: one line, exit 1 (2 for a bad command line). */
class RunCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void badJobsFailWithOneLine() throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, "{\"content\": \"p.png\", \"regions\": [], \"colour\": 1}");
        String[] r = run("run", job.toString(), "-o", dir.resolve("out.png").toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].startsWith("error: job.json: ") && r[1].contains("unknown key 'colour'") && r[1].strip().lines().count() == 1, r[1]);
        Files.writeString(job, "{\"content\": \"p.png\", \"regions\": [{\"matte\": \"whole\", \"style\": \"s.png\"}]}");
        r = run("run", job.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("no output: give -o FILE"), r[1]);
        r = run("run", job.toString(), "-o", dir.resolve("out.png").toString());
        assertTrue(r[1].contains("content: file not found"), r[1]);
        r = run("run", job.toString(), "-o", dir.resolve("out.png").toString(), "--strategy", "both");
        assertTrue(r[1].contains("--strategy must be joint or per-region"), r[1]);
    }
}
