package org.rserpool.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.cluster.ClusterRunner;

/**
 * The token rule as {@code ./emulate} applies it: off loopback it refuses to start without a token,
 * and the token may come from {@code EMULATOR_CONTROL_TOKEN} (the way docker-compose gives it), after
 * which every request needs it.
 */
class ControlTokenRuleTest {
  private static final Pattern CONTROL = Pattern.compile("control API on http://127\\.0\\.0\\.1:(\\d+)/api");

  @Test
  void anyAddressButLoopbackWithoutATokenIsRefusedBeforeTheEmulationStarts() {
    EmulatorMainTest.Run r = EmulatorMainTest.run("--control-host", "0.0.0.0", "--control-token", "", "--duration", "5s", "--metrics-port", "0");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--control-token or EMULATOR_CONTROL_TOKEN"), r.err());
    assertTrue(!r.out().contains("Summary of scenario"), "nothing ran: " + r.out());
  }

  @Test
  void theTokenFromTheEnvironmentGuardsEveryRequest(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("small.conf");
    Files.writeString(scenario, "scenario { name = \"token\", sites = [{ registrars = 1, pool-elements = 2, pool-users = 2 }] }\n");
    Path log = dir.resolve("emulate.log");
    List<String> command = new ArrayList<>(ClusterRunner.javaCommand("-Xmx256m"));
    command.addAll(List.of("--scenario", scenario.toString(), "--duration", "10m", "--metrics-port", "0", "--control-port", "0",
        "--results", dir.resolve("results").toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("EMULATOR_CONTROL_TOKEN", "from-the-environment");
    Process p = pb.start();
    try {
      int port = -1;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (port < 0 && System.nanoTime() < end && p.isAlive()) {
        Matcher m = CONTROL.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) port = Integer.parseInt(m.group(1));
        else Thread.sleep(200);
      }
      assertTrue(port > 0, "the control API started: " + Files.readString(log));
      assertTrue(Files.readString(log).contains("requests need the bearer token"), "its start line says a token is needed");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertEquals(401, status(http, port, null));
      assertEquals(401, status(http, port, "wrong"));
      assertEquals(200, status(http, port, "from-the-environment"));
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static int status(HttpClient http, int port, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status")).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
