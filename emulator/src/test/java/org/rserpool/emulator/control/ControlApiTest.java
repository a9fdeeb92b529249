package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.registrar.Registrar;
import org.rserpool.emulator.registrar.RegistrarSummary;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.runtime.EmulationGuardian;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * The control API against a running emulation, through a real HTTP client: each fault type has its
 * effect in the emulation's own counters, durations and schedules end and repeat by themselves, the
 * handlespace dump is the registrar's, and refusals are problems that change nothing.
 */
class ControlApiTest {
  static Emulation emulation;
  static ControlServer server;
  static ControlClient client;
  static ActorTestKit probes;

  @BeforeAll
  static void start() {
    // Three sites with one registrar each, so a partition of site 1 leaves two registrars that agree
    // on taking registrar-1-1 over; attackers wait for the API (their start time is far away).
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario {
          name = "control-test"
          seed = 7
          time-scale = 20
          sites = [
            { registrars = 1, pool-elements = 4, pool-users = 8 }
            { registrars = 1, pool-elements = 4, pool-users = 8 }
            { registrars = 1, pool-elements = 4, pool-users = 8, attackers = 1 }
          ]
          network { lan-delay = 1ms, wan-delay = 5ms }
          start.attackers = 10h
          workload.target-utilization = 0.8
        }
        """, Map.of("rserpool.metrics.port", 0)));
    server = ControlClient.serve(emulation, null);
    client = new ControlClient(server.port(), null);
    probes = ActorTestKit.create(emulation.system());
    await(Duration.ofSeconds(30), () -> assertEquals(12, emulation.statistics().poolElementsRegistered(), "every PE registered"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    emulation.close();
  }

  @AfterEach
  void reset() {
    assertEquals(200, client.post("/api/reset", null).status());
    await(Duration.ofSeconds(30), () -> {
      JsonNode s = client.get("/api/status").json();
      assertEquals(0, s.at("/faults/networkImpairments").asInt() + s.at("/faults/networkPartitions").asInt());
      for (String role : List.of("registrar", "pool-element", "pool-user")) {
        assertEquals(role.equals("registrar") ? 3 : role.equals("pool-element") ? 12 : 24, s.at("/components/" + role + "/running").asInt(), role + " all running again");
      }
      assertEquals(0, s.at("/components/attacker/running").asInt());
    });
  }

  interface Check {
    void run() throws Exception;
  }

  static void await(Duration max, Check check) {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (Throwable t) {
        if (System.nanoTime() > end) throw new AssertionError("not within " + max + ": " + t.getMessage(), t);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static JsonNode created(String body) {
    ControlClient.Answer a = client.post("/api/faults", body);
    assertEquals(201, a.status(), a::toString);
    return a.json();
  }

  @Test
  void statusAndComponentsDescribeTheRunningEmulation() {
    JsonNode s = client.get("/api/status").json();
    assertEquals("control-test", s.get("scenario").asText());
    assertEquals(7, s.get("seed").asLong());
    assertEquals(20.0, s.get("timeScale").asDouble());
    assertTrue(s.get("emulatedTime").asDouble() > 0);
    assertEquals(3, s.at("/components/registrar/running").asInt());
    assertEquals(1, s.at("/components/attacker/pending").asInt());
    assertTrue(s.at("/counters/registrations").asLong() >= 12);

    JsonNode pes = client.get("/api/components?role=pool-element&site=2").json().get("components");
    assertEquals(4, pes.size());
    for (JsonNode c : pes) {
      assertEquals("pool-element", c.get("role").asText());
      assertEquals(2, c.get("site").asInt());
      assertTrue(c.get("address").asText().startsWith("10.2."));
    }
    JsonNode pe = client.get("/api/components/pe-2-1").json();
    assertTrue(pe.get("registered").asBoolean());
    assertEquals("registrar-2-1", pe.get("homeRegistrarName").asText(), "a PE registers with its own site's registrar");
    assertEquals(404, client.get("/api/components/pe-9-9").status());
    ControlClient.Answer bad = client.get("/api/components?colour=red");
    assertEquals(422, bad.status());
    assertEquals("colour", bad.json().get("field").asText());
  }

  @Test
  void theHandlespaceDumpIsTheRegistrars() {
    JsonNode dump = client.get("/api/registrars/registrar-1-1/handlespace").json();
    ActorRef<Registrar.Command> r = registrar("registrar-1-1");
    TestProbe<RegistrarSummary> probe = probes.createTestProbe();
    r.tell(new Registrar.GetSummary(probe.ref()));
    RegistrarSummary summary = probe.receiveMessage();
    Set<String> fromApi = new HashSet<>();
    for (JsonNode pool : dump.get("pools")) {
      for (JsonNode pe : pool.get("poolElements")) {
        fromApi.add(pool.get("poolHandle").asText() + "/" + pe.get("identifier").asText() + "@" + pe.get("homeRegistrar").asText());
      }
    }
    Set<String> fromRegistrar = new HashSet<>();
    for (RegistrarSummary.PoolElementRecord pe : summary.poolElements()) {
      fromRegistrar.add(pe.poolHandle() + "/" + String.format("0x%08x", pe.identifier()) + "@" + String.format("0x%08x", pe.home()));
    }
    assertEquals(fromRegistrar, fromApi);
    assertEquals(String.format("0x%08x", summary.digest()), dump.get("digest").asText());
    for (RegistrarSummary.OwnerRecord o : summary.owners()) {
      boolean found = false;
      for (JsonNode n : dump.get("owners")) {
        if (n.get("serverId").asText().equals(String.format("0x%08x", o.serverId()))) {
          assertEquals(String.format("0x%04x", o.checksum()), n.get("checksum").asText());
          assertEquals(o.poolElements(), n.get("poolElements").asInt());
          found = true;
        }
      }
      assertTrue(found, "owner " + o.serverId() + " listed");
    }
    assertEquals(404, client.get("/api/registrars/pe-1-1/handlespace").status(), "a pool element has no handlespace");
  }

  static ActorRef<Registrar.Command> registrar(String name) {
    @SuppressWarnings("unchecked")
    ActorRef<Registrar.Command> r = (ActorRef<Registrar.Command>) emulation.locate(name, Duration.ofSeconds(3)).toCompletableFuture().join().actor();
    assertNotNull(r, name + " runs");
    return r;
  }

  @Test
  void componentActionsAndTheirRefusals() {
    ControlClient.Answer crash = client.post("/api/components/pe-1-2/crash", null);
    assertEquals(202, crash.status(), crash::toString);
    await(Duration.ofSeconds(10), () -> assertEquals("stopped", client.get("/api/components/pe-1-2").json().get("state").asText()));
    assertEquals(409, client.post("/api/components/pe-1-2/crash", null).status(), "crashing a stopped component");
    assertEquals(202, client.post("/api/components/pe-1-2/restart", null).status());
    ControlClient.Answer again = client.post("/api/components/pe-1-2/restart", null);
    assertEquals(409, again.status(), "restart of a running one");
    assertEquals(Problem.MEDIA_TYPE, again.contentType());
    assertEquals(409, client.post("/api/components/registrar-1-1/shutdown", null).status(), "registrars have no graceful shutdown");
    assertEquals(404, client.post("/api/components/nobody/crash", null).status());
    assertEquals(405, client.get("/api/components/pe-1-2/crash").status());
  }

  @Test
  void aLatencyFaultShiftsTheNetworksDelayAndADurationEndsIt() {
    assertTrue(maxDelaySeconds() < 0.1, "no packet took 100 ms before: " + maxDelaySeconds());
    JsonNode f = created("""
        {"type": "latency", "from": {"site": 1}, "to": {"site": 2}, "delay": "250ms", "duration": "60s"}""");
    assertEquals("active", f.get("state").asText());
    String id = f.get("id").asText();
    assertEquals(1, emulation.network().control().activeImpairments());
    await(Duration.ofSeconds(20), () -> assertTrue(maxDelaySeconds() >= 0.25, "a packet between site 1 and 2 took the 250 ms: " + maxDelaySeconds()));
    // 60 emulated seconds are 3 s of real time at time-scale 20: then it is gone by itself.
    await(Duration.ofSeconds(20), () -> {
      assertEquals(0, client.get("/api/faults").json().get("faults").size());
      assertEquals(0, emulation.network().control().activeImpairments());
    });
    JsonNode ended = client.get("/api/faults/" + id).json();
    assertEquals("ended", ended.get("state").asText());
    assertEquals(404, client.delete("/api/faults/" + id).status(), "an ended fault cannot be deleted");
  }

  static double maxDelaySeconds() {
    double max = 0;
    for (Timer t : emulation.registry().find("emulator.network.delay").timers()) max = Math.max(max, t.max(TimeUnit.SECONDS));
    return max;
  }

  @Test
  void aPartitionBetweenSitesMakesTheRegistrarsTakeOver() {
    long takeoversBefore = emulation.statistics().takeoversStarted();
    long partitionedBefore = emulation.statistics().messagesPartitioned();
    JsonNode f = created("""
        {"type": "partition", "from": {"site": 1}, "to": {"site": [2, 3]}}""");
    assertEquals(1, emulation.network().control().activePartitions());
    // The registrars of sites 2 and 3 stop hearing registrar-1-1 and take it over.
    await(Duration.ofSeconds(40), () -> {
      assertTrue(emulation.statistics().messagesPartitioned() > partitionedBefore, "packets dropped by the partition");
      assertTrue(emulation.statistics().takeoversStarted() > takeoversBefore, "a takeover started");
    });
    assertEquals(200, client.delete("/api/faults/" + f.get("id").asText()).status());
    assertEquals(0, emulation.network().control().activePartitions());
  }

  @Test
  void crashingPoolElementsMakesPoolUsersFailOverAndTheDurationRestartsThem() {
    long failoversBefore = emulation.statistics().failovers();
    JsonNode f = created("""
        {"type": "crash", "target": {"role": "pool-element", "site": [1, 2]}, "duration": "120s"}""");
    assertEquals(8, f.get("matched").asInt());
    await(Duration.ofSeconds(10), () -> assertEquals(8, client.get("/api/components?role=pe&state=stopped").json().get("components").size()));
    await(Duration.ofSeconds(40), () -> assertTrue(emulation.statistics().failovers() > failoversBefore, "pool users failed over"));
    // At the end of its 120 emulated seconds the crashed pool elements come back.
    await(Duration.ofSeconds(30), () -> assertEquals(12, client.get("/api/components?role=pe&state=running").json().get("components").size()));
  }

  @Test
  void aScheduleFiresRepeatedly() {
    double injectedBefore = injected("crash");
    JsonNode f = created("""
        {"type": "crash", "target": {"role": "pe", "mode": "one"}, "duration": "10s", "schedule": {"every": "30s", "occurrences": 3}}""");
    String id = f.get("id").asText();
    // Three occurrences 30 emulated seconds apart: 3 s of real time at time-scale 20.
    await(Duration.ofSeconds(30), () -> {
      JsonNode now = client.get("/api/faults/" + id).json();
      assertEquals("ended", now.get("state").asText(), now::toString);
      assertEquals(3, now.get("occurrences").asInt());
    });
    assertEquals(3, injected("crash") - injectedBefore, 0.0);
  }

  static double injected(String type) {
    return emulation.registry().get("emulator.faults.injected").tag("type", type).counter().count();
  }

  @Test
  void attackersStartAndStopThroughTheApi() {
    JsonNode f = created("""
        {"type": "attacker"}""");
    assertEquals(1, f.get("matched").asInt());
    await(Duration.ofSeconds(10), () -> assertEquals(1, emulation.statistics().attackersRunning()));
    assertEquals(200, client.delete("/api/faults/" + f.get("id").asText()).status());
    await(Duration.ofSeconds(10), () -> assertEquals(0, emulation.statistics().attackersRunning()));
  }

  @Test
  void otherLinkFaultsAreAppliedWithTheirNetemWords() {
    for (String body : List.of(
        """
        {"type": "jitter", "from": {"names": "pe-1-1"}, "jitter": "5ms", "distribution": "normal"}""",
        """
        {"type": "loss", "from": {"address": "10.2.0.0/16"}, "loss": "random 5% 25%", "direction": "to"}""",
        """
        {"type": "duplicate", "from": {"role": "registrar"}, "duplicate": 0.1}""",
        """
        {"type": "rate", "from": {"site": 3}, "rate": "1mbit", "queue-limit": 50}""")) {
      JsonNode f = created(body);
      String netem = Map.of("jitter", "delay 0ms 5ms", "loss", "loss", "duplicate", "duplicate 10%", "rate", "rate").get(f.get("type").asText());
      assertTrue(f.get("link").asText().contains(netem), f::toString);
    }
    assertEquals(4, emulation.network().control().activeImpairments());
    assertEquals(4, client.get("/api/faults").json().get("faults").size());
    assertEquals(4, client.post("/api/reset", null).json().get("removed").asInt());
    assertEquals(0, emulation.network().control().activeImpairments());
  }

  @Test
  void badRequestsAreProblemsThatChangeNothing() {
    int before = emulation.network().control().faults().size();
    Map<String, Integer> cases = Map.of(
        "{\"type\": ", 400,
        "[1, 2]", 400,
        "{\"type\": \"flood\"}", 422,
        "{\"type\": \"latency\", \"from\": {\"site\": 1}}", 422,
        "{\"type\": \"latency\", \"from\": {\"site\": 1}, \"delay\": \"soon\"}", 422,
        "{\"type\": \"partition\", \"from\": {\"colour\": \"red\"}}", 422,
        "{\"type\": \"partition\", \"from\": {\"site\": 9}}", 422,
        "{\"type\": \"crash\", \"target\": {\"names\": \"pe-1-1\"}, \"schedule\": {\"every\": \"10s\"}}", 422,
        "{\"type\": \"crash\", \"target\": {\"role\": \"pe\", \"mode\": \"fixed\"}}", 422);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      ControlClient.Answer a = client.post("/api/faults", c.getKey());
      assertEquals(c.getValue(), a.status(), c.getKey() + " -> " + a);
      assertEquals(Problem.MEDIA_TYPE, a.contentType());
      JsonNode p = a.json();
      assertEquals(c.getValue(), p.get("status").asInt());
      assertFalse(p.get("title").asText().isEmpty());
      assertFalse(p.get("detail").asText().isEmpty());
      assertTrue(p.get("type").asText().startsWith("/api/problems#"));
    }
    ControlClient.Answer field = client.post("/api/faults", "{\"type\": \"latency\", \"from\": {\"site\": 1}, \"delay\": \"soon\"}");
    assertEquals("delay", field.json().get("field").asText());
    assertEquals(404, client.get("/api/faults/f-999").status());
    assertEquals(404, client.delete("/api/faults/f-999").status());
    assertEquals(404, client.get("/api/nothing").status());
    ControlClient.Answer wrong = client.method("PUT", "/api/faults", "{}");
    assertEquals(405, wrong.status());
    assertEquals(413, client.post("/api/faults", "{\"name\": \"" + "x".repeat(ControlServer.MAX_BODY) + "\"}").status());
    assertEquals(before, emulation.network().control().faults().size(), "nothing was added");
    assertEquals(0, client.get("/api/faults").json().get("faults").size());
  }

  @Test
  void theEventStreamTellsFaultsAndStateChanges() throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(client.base + "/api/events")).GET().build();
    HttpResponse<InputStream> r = client.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> types = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      JsonNode f = created("""
          {"type": "crash", "target": {"names": "pe-3-1"}, "duration": "20s"}""");
      String id = f.get("id").asText();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String line;
      boolean added = false, stopped = false, removed = false;
      while ((!added || !stopped || !removed) && System.nanoTime() < end && (line = in.readLine()) != null) {
        if (line.startsWith("event: ")) types.add(line.substring(7));
        if (!line.startsWith("data: ")) continue;
        JsonNode e = ControlClient.JSON.readTree(line.substring(6));
        JsonNode d = e.get("data");
        switch (e.get("type").asText()) {
          case "fault-added" -> added |= d.get("id").asText().equals(id);
          case "fault-removed" -> removed |= d.get("id").asText().equals(id);
          case "component" -> stopped |= d.get("name").asText().equals("pe-3-1") && d.get("to").asText().equals("stopped");
          default -> { }
        }
      }
      assertTrue(added && stopped && removed, "saw fault-added, pe-3-1 stopped and fault-removed; got " + types);
    }
  }

  @Test
  void resultsHaveTheKeysOfResultsJson() {
    JsonNode r = client.get("/api/results").json();
    assertEquals("control-test", r.get("scenario").asText());
    assertTrue(r.get("results").size() > 40, "RSPSIM's scalars");
    for (String key : List.of("MeasuredDuration", "SystemUtilization", "SystemAverageHandlingSpeedPercent")) {
      assertTrue(r.get("results").has(key), key);
    }
    assertTrue(r.get("results").get("MeasuredDuration").asDouble() > 0);
  }

  @Test
  void theStatusCountsComponentsTheGuardianKnows() {
    List<EmulationGuardian.ComponentStatus> all = emulation.listComponents(Duration.ofSeconds(3)).toCompletableFuture().join().components();
    JsonNode list = client.get("/api/components").json().get("components");
    assertEquals(all.size(), list.size());
    JsonNode pools = client.get("/api/pools").json().get("pools");
    assertEquals(1, pools.size());
    pools.get(0).get("registrars").forEach(n -> assertTrue(n.asInt() >= 12, "every registrar holds every PE: " + pools));
  }
}
