package org.rserpool.emulator.protocol.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's tshark on captures, for the tests that check what Wireshark's own dissectors make
 * of the emulator's traffic (the codec's conformance test here, the capture of a whole emulation in
 * the emulator module, through the test-jar).
 */
public final class Tshark {
  /** Why such a test is skipped. */
  public static final String MISSING = "tshark is not installed, so Wireshark conformance is not checked "
      + "(install it: apt-get install tshark; .ci/run does)";

  private Tshark() {}

  /** tshark's version line, or {@code null} when it is not installed. */
  public static String version() {
    try {
      Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out.lines().findFirst().orElse("tshark") : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Runs tshark on the capture with checksum verification on; returns its output lines. Fails the
   * test if tshark fails or takes more than 120 s.
   */
  public static List<String> run(Path pcap, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
        "-o", "sctp.checksum:CRC-32C", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"));
    command.addAll(List.of(arguments));
    Path stderr = Files.createTempFile(pcap.toAbsolutePath().getParent(), "tshark", ".err");
    Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tshark did not finish within 120 s: " + command);
    }
    String errors = Files.readString(stderr);
    Files.delete(stderr);
    assertEquals(0, p.exitValue(), "tshark failed: " + command + "\n" + errors);
    assertTrue(out.isEmpty() || out.endsWith("\n"), "tshark output is complete");
    return out.isEmpty() ? List.of() : out.lines().toList();
  }
}
