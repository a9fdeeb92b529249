package org.rserpool.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.control.ControlServer;
import org.rserpool.emulator.control.ControlSettings;
import org.rserpool.emulator.results.ResultsWriter;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;
import picocli.CommandLine;

/**
 * {@code ./emulate ctl} against a running emulation: each command reaches the API and changes what the
 * API reports afterwards, refusals exit 2 with the server's problem in words, an absent server exits 1.
 */
class ControlCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Emulation emulation;
  static ControlServer server;
  static String url;

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario {
          name = "ctl-test"
          seed = 11
          time-scale = 20
          duration = 1000h
          sites = [
            { registrars = 1, pool-elements = 3, pool-users = 4 }
            { registrars = 1, pool-elements = 3, pool-users = 4 }
          ]
          network { lan-delay = 1ms, wan-delay = 5ms }
        }
        """, Map.of("rserpool.metrics.port", 0)));
    ControlSettings s = ControlSettings.fromConfig(emulation.scenario().config()).withHost("127.0.0.1").withPort(0).withToken(null);
    server = ControlServer.start(emulation, s, () -> new ResultsWriter.Run(emulation.scenario(), null, Map.of(), OffsetDateTime.now(), 1));
    url = "http://127.0.0.1:" + server.port();
    // Pool elements and pool users start after the registrars: every test needs them running.
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (emulation.statistics().poolElementsRegistered() < 6
        || emulation.components(Duration.ofSeconds(5)).toCompletableFuture().join().poolUsers().size() < 8) {
      assertTrue(System.nanoTime() < end, "every pool element registered and every pool user running within 30 s");
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    emulation.close();
  }

  @AfterEach
  void resetFaults() {
    assertEquals(0, ctl("reset").code());
  }

  static Run ctl(String... args) {
    List<String> all = new ArrayList<>(List.of("ctl", "--url", url));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EmulatorMain main = new EmulatorMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine cli = new CommandLine(main);
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static JsonNode faultsFromApi() throws Exception {
    Run r = ctl("--json", "faults");
    assertEquals(0, r.code(), r.err());
    return r.json().path("faults");
  }

  static String addedId(Run r) {
    assertEquals(0, r.code(), r.err());
    Matcher m = Pattern.compile("^added (f-\\d+) ").matcher(r.out());
    assertTrue(m.find(), "names the new fault: " + r.out());
    return m.group(1);
  }

  static void await(Duration max, ControlApiCheck check) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > end) throw e;
        Thread.sleep(100);
      }
    }
  }

  interface ControlApiCheck {
    void run() throws Exception;
  }

  @Test
  void statusSummarizesTheRunningEmulation() throws Exception {
    await(Duration.ofSeconds(30), () -> {
      Run r = ctl("status");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().startsWith("ctl-test (seed 11)"), r.out());
      assertTrue(r.out().matches("(?s).*registrar\\s+2\\s.*"), r.out());
      assertTrue(r.out().matches("(?s).*pool-element\\s+6\\s.*"), r.out());
    });
    Run components = ctl("components", "--role", "pe", "--site", "2");
    assertEquals(0, components.code(), components.err());
    assertEquals(3, components.out().lines().filter(l -> l.startsWith("pe-2-")).count(), components.out());
  }

  @Test
  void aPartitionBetweenSitesBecomesAFaultWithItsSelectorsAndDuration() throws Exception {
    String id = addedId(ctl("partition", "--from", "site:1", "--to", "site:2", "--duration", "30s", "--name", "split"));
    JsonNode faults = faultsFromApi();
    assertEquals(1, faults.size(), faults.toString());
    JsonNode f = faults.get(0);
    assertEquals(id, f.path("id").asText());
    assertEquals("partition", f.path("type").asText());
    assertEquals("split", f.path("name").asText());
    assertEquals(1, f.at("/from/site").get(0).asInt(), f.toString());
    assertEquals(2, f.at("/to/site").get(0).asInt(), f.toString());
    assertTrue(f.has("endsAt"), "a duration gives an end: " + f);

    Run one = ctl("fault", id);
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("\"name\" : \"split\""), "the whole fault: " + one.out());

    assertEquals(0, ctl("remove", id).code());
    assertEquals(0, faultsFromApi().size());
    // A removed fault stays readable for a while, marked ended; a second removal is refused.
    assertEquals("ended", ctl("--json", "fault", id).json().path("state").asText());
    Run again = ctl("remove", id);
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, again.code(), again.out());
    assertTrue(again.err().startsWith("ctl: 4"), again.err());
    Run unknown = ctl("fault", "f-999");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, unknown.code());
    assertTrue(unknown.err().startsWith("ctl: 404"), unknown.err());
  }

  @Test
  void aLatencyFaultCarriesItsNetemWordsAndMode() throws Exception {
    addedId(ctl("latency", "--delay", "40ms", "--jitter", "5ms", "--from", "role:pu,mode:percent:50", "--to", "role:registrar"));
    JsonNode f = faultsFromApi().get(0);
    assertEquals("latency", f.path("type").asText());
    assertEquals("percent", f.at("/from/mode").asText(), f.toString());
    assertEquals(50, f.at("/from/value").asInt(), f.toString());
    assertTrue(f.path("link").asText().contains("40"), f.toString());
    assertEquals(4, f.path("matched").asInt(), "half of the 8 pool users: " + f);
  }

  @Test
  void crashingAComponentThenCrashingItAgainIsRefusedWithTheServersReason() throws Exception {
    await(Duration.ofSeconds(30), () -> assertTrue(ctl("component", "pe-1-2").out().contains("running")));
    Run crash = ctl("crash", "pe-1-2");
    assertEquals(0, crash.code(), crash.err());
    assertTrue(crash.out().startsWith("pe-1-2: "), crash.out());
    await(Duration.ofSeconds(10), () -> {
      JsonNode c = ctl("--json", "component", "pe-1-2").json();
      assertEquals("stopped", c.path("state").asText(), c.toString());
    });
    Run again = ctl("crash", "pe-1-2");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, again.code(), again.out());
    assertTrue(again.err().startsWith("ctl: 409"), again.err());

    assertEquals(0, ctl("restart", "pe-1-2").code());
    await(Duration.ofSeconds(10), () -> assertEquals("running", ctl("--json", "component", "pe-1-2").json().path("state").asText()));
  }

  @Test
  void aScheduledCrashOfFixedTargetsIsOneFault() throws Exception {
    String id = addedId(ctl("crash", "--target", "role:pe,site:2,mode:fixed:2", "--every", "60s", "--duration", "5s"));
    JsonNode f = faultsFromApi().get(0);
    assertEquals(id, f.path("id").asText());
    assertEquals("crash", f.path("type").asText());
    assertEquals(2, f.path("matched").asInt(), f.toString());
    assertTrue(f.has("schedule"), f.toString());
  }

  @Test
  void badInputIsRefusedBeforeOrByTheServerAndAddsNothing() throws Exception {
    Run selector = ctl("latency", "--delay", "10ms", "--from", "color:red");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, selector.code());
    assertTrue(selector.err().contains("color"), selector.err());

    Run loss = ctl("loss", "--loss", "5x");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, loss.code());
    assertTrue(loss.err().startsWith("ctl: 422") || loss.err().startsWith("ctl: 400"), loss.err());

    Run nothing = ctl("partition", "--from", "site:9", "--to", "site:1");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, nothing.code());
    assertTrue(nothing.err().startsWith("ctl: 422"), nothing.err());

    Run unknown = ctl("crash", "pe-7-7");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, unknown.code());
    assertTrue(unknown.err().startsWith("ctl: 404"), unknown.err());

    assertEquals(0, faultsFromApi().size(), "nothing was added");
  }

  @Test
  void anAbsentServerIsReportedWithExitOne() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run("ctl", "--url", "http://127.0.0.1:" + port, "status");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no emulation answers"), r.err());
  }

  @Test
  void eventsFollowTheRun() throws Exception {
    Thread adder = new Thread(() -> {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
      ctl("duplicate", "--duplicate", "1%", "--from", "site:1");
    });
    adder.start();
    try {
      Run r = ctl("--timeout", "20s", "events", "--count", "1");
      assertEquals(0, r.code(), r.err());
      assertEquals(1, r.out().lines().count(), r.out());
    } finally {
      adder.join(5000);
    }
  }

  @Test
  void theHandlespaceOfARegistrarListsEveryRegisteredPe() throws Exception {
    await(Duration.ofSeconds(30), () -> {
      Run r = ctl("handlespace", "registrar-1-1");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().matches("(?s).*pool 'CalcAppPool' \\([A-Z_]+\\), 6 PEs.*"), r.out() + r.err());
    });
  }
}
