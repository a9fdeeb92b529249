package org.rserpool.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorMainTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EmulatorMain main = new EmulatorMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine cli = new CommandLine(main);
    cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aTimedRunEndsWithASummaryOfRegisteredPoolElementsAndCompletedJobs(@TempDir Path dir) throws Exception {
    Path capture = dir.resolve("run.pcap");
    // The default's 1,062 components: 20 emulated seconds at time-scale 10.
    Run r = run("--duration", "20s", "--time-scale", "10", "--metrics-port", "0", "--seed", "3", "--capture", capture.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Summary of scenario 'default' (seed 3)"), r.out());
    assertTrue(r.out().contains("96 registered of 96"), r.out());
    Matcher jobs = Pattern.compile("(\\d+) completed").matcher(r.out());
    assertTrue(jobs.find(), r.out());
    assertTrue(Integer.parseInt(jobs.group(1)) > 0, r.out());
    Matcher captured = Pattern.compile("Capture: (\\d+) packets in ").matcher(r.out());
    assertTrue(captured.find(), r.out());
    assertTrue(Integer.parseInt(captured.group(1)) > 0, r.out());
    assertTrue(Files.size(capture) > 24, "more than the pcap file header");
  }

  @Test
  void aCaptureFileThatCannotBeWrittenIsAnInputError() {
    Run r = run("--duration", "1s", "--metrics-port", "0", "--capture", "/proc/no-such-dir/run.pcap");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("cannot write the capture file /proc/no-such-dir/run.pcap"), r.err());
  }

  @Test
  void aBadDurationIsAUsageError() {
    Run r = run("--duration", "soon");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--duration"), r.err());
    assertTrue(r.err().contains("not a duration"), r.err());
  }

  @Test
  void aBadScenarioFileGetsOneMessageNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "scenario.sites = [{registrars = 1, pool-elements = -4}]\n");
    Run r = run("--scenario", file.toString());
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("scenario.sites[0].pool-elements"), r.err());
    assertEquals("", r.out());
  }
}
