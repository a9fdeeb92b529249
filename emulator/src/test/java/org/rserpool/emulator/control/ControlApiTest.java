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
    // And the registrars agree again: a fault may have kept handle updates from some of them.
    await(Duration.ofSeconds(60), () -> client.get("/api/pools").json().at("/pools/0/registrars")
        .forEach(n -> assertTrue(n.asInt() >= 12, "every registrar holds every PE again: " + n)));
  }

  /**
   * The count of packets delayed more than {@code seconds} once it stops changing: packets a deleted
   * fault delayed may still be on their way (a rate queue holds them for seconds).
   */
  static double settledDelayedMoreThan(double seconds) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    double last = delayedMoreThan(seconds);
    while (true) {
      sleep(Duration.ofSeconds(1));
      double now = delayedMoreThan(seconds);
      if (now == last) return now;
      if (System.nanoTime() > end) throw new AssertionError("packets still delayed over " + seconds + " s after 30 s without faults");
      last = now;
    }
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
    // The attacker waits for its start time, or is stopped again if a test started it through the API.
    assertEquals(1, s.at("/components/attacker/pending").asInt() + s.at("/components/attacker/stopped").asInt());
    assertTrue(s.at("/counters/registrations").asLong() >= 12);

    JsonNode pes = client.get("/api/components?role=pool-element&site=2").json().get("components");
    assertEquals(4, pes.size());
    for (JsonNode c : pes) {
      assertEquals("pool-element", c.get("role").asText());
      assertEquals(2, c.get("site").asInt());
      assertTrue(c.get("address").asText().startsWith("10.2."));
    }
    // A pool element's home registrar as it sees it is the registrar that lists it as its own (after a
    // fault of another test it may have moved to another site's).
    await(Duration.ofSeconds(20), () -> {
      JsonNode pe = client.get("/api/components/pe-2-1").json();
      assertTrue(pe.get("registered").asBoolean());
      JsonNode home = client.get("/api/components/" + pe.get("homeRegistrarName").asText()).json();
      assertEquals("registrar", home.get("role").asText());
      assertEquals(home.get("address").asText() + ":3863", pe.get("homeRegistrar").asText());
      boolean listed = false;
      for (JsonNode pool : client.get("/api/registrars/" + home.get("name").asText() + "/handlespace").json().get("pools")) {
        for (JsonNode e : pool.get("poolElements")) {
          listed |= e.get("identifier").asText().equals(pe.get("identifier").asText()) && e.get("homeRegistrar").asText().equals(home.get("serverId").asText());
        }
      }
      assertTrue(listed, pe.get("homeRegistrarName").asText() + " lists pe-2-1 as its own");
    });
    await(Duration.ofSeconds(20), () -> {
      JsonNode pu = client.get("/api/components/pu-1-1").json();
      assertTrue(pu.get("homeRegistrarName").asText().startsWith("registrar-"), "a pool user's home registrar: " + pu);
      assertTrue(pu.has("failovers") && pu.has("handleResolutions"), pu::toString);
    });
    assertEquals(404, client.get("/api/components/pe-9-9").status());
    ControlClient.Answer bad = client.get("/api/components?colour=red");
    assertEquals(400, bad.status());
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
    double crashes = emulation.registry().get("emulator.control.actions").tag("action", "crash").counter().count();
    ControlClient.Answer crash = client.post("/api/components/pe-1-2/crash", null);
    assertEquals(202, crash.status(), crash::toString);
    assertEquals(crashes + 1, emulation.registry().get("emulator.control.actions").tag("action", "crash").counter().count(), 0.0,
        "counted for the dashboards' annotation");
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
    // The scenario's links are constant (1 ms in a site, 5 ms between sites): nothing takes 200 ms.
    double before = settledDelayedMoreThan(0.2);
    JsonNode f = created("""
        {"type": "latency", "from": {"site": 1}, "to": {"site": 2}, "delay": "250ms", "duration": "60s"}""");
    assertEquals("active", f.get("state").asText());
    String id = f.get("id").asText();
    assertEquals(1, emulation.network().control().activeImpairments());
    await(Duration.ofSeconds(20), () -> assertTrue(delayedMoreThan(0.2) >= before + 5, "packets between site 1 and 2 took the 250 ms: " + (delayedMoreThan(0.2) - before)));
    // 60 emulated seconds are 3 s of real time at time-scale 20: then it is gone by itself.
    await(Duration.ofSeconds(20), () -> {
      assertEquals(0, client.get("/api/faults").json().get("faults").size());
      assertEquals(0, emulation.network().control().activeImpairments());
    });
    JsonNode ended = client.get("/api/faults/" + id).json();
    assertEquals("ended", ended.get("state").asText());
    assertEquals(404, client.delete("/api/faults/" + id).status(), "an ended fault cannot be deleted");
  }

  @Test
  void aPartitionBetweenSitesMakesTheRegistrarsTakeOver() {
    long takeoversBefore = emulation.statistics().takeoversStarted();
    long partitionedBefore = emulation.statistics().messagesPartitioned();
    JsonNode f = created("""
        {"type": "partition", "from": {"site": 1}, "to": {"site": [2, 3]}}""");
    assertEquals(1, emulation.network().control().activePartitions());
    // The registrars of sites 2 and 3 stop hearing registrar-1-1 and take it over.
    long finishedBefore = emulation.statistics().takeoversByConsent() + emulation.statistics().takeoversByTimeout();
    await(Duration.ofSeconds(40), () -> {
      assertTrue(emulation.statistics().messagesPartitioned() > partitionedBefore, "packets dropped by the partition");
      assertTrue(emulation.statistics().takeoversStarted() > takeoversBefore, "a takeover started");
      assertTrue(emulation.statistics().takeoversByConsent() + emulation.statistics().takeoversByTimeout() > finishedBefore, "a takeover finished");
    });
    // The event stream told both, after the fault was added.
    double at = f.get("createdAt").asDouble();
    replayedEvents(ev -> ev.stream().anyMatch(e -> e.get("type").asText().equals("takeover-started") && e.get("emulatedTime").asDouble() >= at)
        && ev.stream().anyMatch(e -> e.get("type").asText().equals("takeover-finished") && e.get("emulatedTime").asDouble() >= at));
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
    double at = f.get("createdAt").asDouble();
    replayedEvents(ev -> ev.stream().anyMatch(e -> e.get("type").asText().equals("failover") && e.get("emulatedTime").asDouble() >= at
        && e.at("/data/count").asLong() > 0));
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

  static double counted(String outcome) {
    return emulation.registry().get("emulator.network.messages").tag("outcome", outcome).counter().count();
  }

  /** Packets the links gave more than {@code seconds} of delay, from the delay histogram's buckets. */
  static double delayedMoreThan(double seconds) {
    Timer t = emulation.registry().get("emulator.network.delay").timer();
    var snapshot = t.takeSnapshot();
    for (var b : snapshot.histogramCounts()) {
      if (Math.abs(b.bucket(TimeUnit.SECONDS) - seconds) < 1e-9) return snapshot.count() - b.count();
    }
    throw new AssertionError("no delay bucket at " + seconds + " s");
  }

  /**
   * A link fault counts packets of one network outcome while it is in force (at least 20 in 20 s) and
   * none once it is deleted (the scenario's links make no such outcome).
   */
  static void countsWhileInForceOnly(String body, String outcome) {
    double before = counted(outcome);
    JsonNode f = created(body);
    await(Duration.ofSeconds(20), () -> assertTrue(counted(outcome) >= before + 20, outcome + ": " + (counted(outcome) - before)));
    assertEquals(200, client.delete("/api/faults/" + f.get("id").asText()).status());
    double after = counted(outcome);
    sleep(Duration.ofSeconds(1));
    assertEquals(after, counted(outcome), 0.0, "no more " + outcome + " once the fault is deleted");
  }

  @Test
  void aLossFaultLosesPackets() {
    countsWhileInForceOnly("""
        {"type": "loss", "from": {"site": 2}, "loss": "50%"}""", "lost");
  }

  @Test
  void aDuplicateFaultMakesExtraCopies() {
    countsWhileInForceOnly("""
        {"type": "duplicate", "from": {"role": "registrar"}, "duplicate": "50%"}""", "duplicated");
  }

  @Test
  void aJitterFaultSpreadsTheDelay() {
    // The scenario's links are constant (1 ms in a site, 5 ms between sites): nothing takes over 20 ms.
    double before = settledDelayedMoreThan(0.02);
    JsonNode f = created("""
        {"type": "jitter", "from": {"site": 1}, "jitter": "100ms", "distribution": "normal"}""");
    await(Duration.ofSeconds(20), () -> assertTrue(delayedMoreThan(0.02) >= before + 20, "packets jittered past 20 ms: " + (delayedMoreThan(0.02) - before)));
    assertEquals(200, client.delete("/api/faults/" + f.get("id").asText()).status());
  }

  @Test
  void aRateFaultQueuesPacketsBehindEachOther() {
    // 8 kbit/s is 1 byte per emulated millisecond: a packet of 100 bytes takes 100 ms on the wire, and
    // the packets a site sends wait behind each other, up to the queue limit; the rest overflow.
    double delayedBefore = settledDelayedMoreThan(0.05);
    double overflowBefore = counted("overflow");
    JsonNode f = created("""
        {"type": "rate", "from": {"site": 3}, "rate": "8kbit", "queue-limit": 5, "direction": "to"}""");
    await(Duration.ofSeconds(20), () -> {
      assertTrue(delayedMoreThan(0.05) >= delayedBefore + 10, "packets waited for the rate: " + (delayedMoreThan(0.05) - delayedBefore));
      assertTrue(counted("overflow") > overflowBefore, "packets overflowed the queue");
    });
    assertEquals(200, client.delete("/api/faults/" + f.get("id").asText()).status());
  }

  @Test
  void aShutdownFaultDeregistersPoolElementsAndItsDurationRestartsThem() {
    long deregistrationsBefore = emulation.statistics().deregistrations();
    JsonNode f = created("""
        {"type": "shutdown", "target": {"role": "pool-element", "site": 2, "mode": "fixed", "value": 2}, "duration": "60s"}""");
    assertEquals(2, f.get("matched").asInt());
    // A clean shutdown deregisters (RSPSIM's clean shutdown), unlike a crash.
    await(Duration.ofSeconds(20), () -> {
      assertTrue(emulation.statistics().deregistrations() >= deregistrationsBefore + 2, "both deregistered");
      assertEquals(2, client.get("/api/components?role=pe&site=2&state=stopped").json().get("components").size());
    });
    await(Duration.ofSeconds(30), () -> {
      assertEquals(4, client.get("/api/components?role=pe&site=2&state=running").json().get("components").size(), "restarted at the end");
      assertEquals("ended", client.get("/api/faults/" + f.get("id").asText()).json().get("state").asText());
    });
  }

  @Test
  void anMtbfScheduleDrawsTheTimeBetweenOccurrences() {
    double injectedBefore = injected("crash");
    JsonNode f = created("""
        {"type": "crash", "target": {"role": "pe", "mode": "one"}, "duration": "5s",
         "schedule": {"mtbf": "20s", "distribution": "exponential", "occurrences": 4}}""");
    String id = f.get("id").asText();
    assertEquals("waiting", f.get("state").asText(), "an mtbf schedule waits for its first up-time");
    assertTrue(f.get("nextAt").asDouble() > f.get("createdAt").asDouble());
    assertEquals("20s", f.at("/schedule/mtbf").asText());
    await(Duration.ofSeconds(60), () -> {
      JsonNode now = client.get("/api/faults/" + id).json();
      assertEquals("ended", now.get("state").asText(), now::toString);
      assertEquals(4, now.get("occurrences").asInt());
    });
    assertEquals(4, injected("crash") - injectedBefore, 0.0);
    // The occurrences' starts, from the event stream's history: each after the previous one's end
    // plus an up-time drawn from the distribution, so not a fixed period.
    List<Double> starts = new ArrayList<>();
    for (JsonNode e : replayedEvents(ev -> ev.stream().anyMatch(x -> x.get("type").asText().equals("fault-removed") && x.at("/data/id").asText().equals(id)))) {
      if (e.get("type").asText().equals("fault-occurrence-started") && e.at("/data/id").asText().equals(id)) starts.add(e.get("emulatedTime").asDouble());
    }
    assertEquals(4, starts.size(), "an event for each occurrence: " + starts);
    List<Double> upTimes = new ArrayList<>();
    for (int i = 1; i < starts.size(); i++) upTimes.add(starts.get(i) - starts.get(i - 1) - 5);
    assertTrue(upTimes.stream().allMatch(u -> u > 0), "each starts after the previous one ended: " + upTimes);
    double spread = upTimes.stream().mapToDouble(Double::doubleValue).max().orElseThrow() - upTimes.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertTrue(spread > 0.5, "up-times drawn, not a period: " + upTimes);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The events the stream replays from its history ({@code Last-Event-ID: 0}) and then sends, until
   * {@code enough} holds for those read so far (at most 30 s).
   */
  static List<JsonNode> replayedEvents(java.util.function.Predicate<List<JsonNode>> enough) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(client.base + "/api/events")).header("Last-Event-ID", "0").GET().build();
    List<JsonNode> events = new ArrayList<>();
    try {
      HttpResponse<InputStream> r = client.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, r.statusCode());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while (!enough.test(events) && System.nanoTime() < end && (line = in.readLine()) != null) {
          if (line.startsWith("data: ")) events.add(ControlClient.JSON.readTree(line.substring(6)));
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("event stream: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertTrue(enough.test(events), "the events looked for, among " + events.size());
    return events;
  }

  /** A refused body: the status and the field the problem names ({@code null} when it names none). */
  record Refusal(String body, int status, String field) {}

  @Test
  void badRequestsAreProblemsThatChangeNothing() {
    int before = emulation.network().control().faults().size();
    double injectedBefore = 0;
    for (FaultSpec.Type t : FaultSpec.Type.values()) injectedBefore += injected(t.key());
    List<Refusal> cases = List.of(
        // Not JSON, or not an object: 400 malformed.
        new Refusal("{\"type\": ", 400, null),
        new Refusal("[1, 2]", 400, null),
        // A field wrong by itself: 400 invalid field, naming it.
        new Refusal("{\"type\": \"flood\"}", 400, "type"),
        new Refusal("{\"type\": 5}", 400, "type"),
        new Refusal("{\"type\": \"latency\", \"from\": {\"site\": 1}}", 400, "delay"),
        new Refusal("{\"type\": \"latency\", \"from\": {\"site\": 1}, \"delay\": \"soon\"}", 400, "delay"),
        new Refusal("{\"type\": \"loss\", \"from\": {\"site\": \"one\"}, \"loss\": \"5%\"}", 400, "from.site"),
        new Refusal("{\"type\": \"loss\", \"from\": {\"site\": 1}, \"loss\": true}", 400, "loss"),
        new Refusal("{\"type\": \"crash\", \"target\": \"pe-1-1\"}", 400, "target"),
        new Refusal("{\"type\": \"crash\", \"target\": {\"names\": [\"pe-1-1\", 3]}}", 400, "target.names[1]"),
        new Refusal("{\"type\": \"partition\", \"from\": {\"colour\": \"red\"}}", 400, "from.colour"),
        new Refusal("{\"type\": \"partition\", \"from\": {\"site\": 0}}", 400, "from.site"),
        new Refusal("{\"type\": \"partition\", \"from\": {\"site\": 1}, \"target\": {\"site\": 2}}", 400, "target"),
        new Refusal("{\"type\": \"crash\", \"target\": {\"names\": \"pe-1-1\"}, \"schedule\": {\"every\": \"10s\"}}", 400, "duration"),
        new Refusal("{\"type\": \"crash\", \"target\": {\"role\": \"pe\", \"mode\": \"fixed\"}}", 400, "target.value"),
        new Refusal("{\"type\": \"crash\", \"target\": {\"role\": \"pe\"}, \"duration\": \"-5s\"}", 400, "duration"),
        // A right request this emulation has nothing for: 422.
        new Refusal("{\"type\": \"crash\", \"target\": {\"names\": \"pe-7-7\"}}", 422, "target.names"),
        new Refusal("{\"type\": \"partition\", \"from\": {\"role\": \"attacker\", \"site\": 1}}", 422, "from"),
        new Refusal("{\"type\": \"partition\", \"from\": {\"site\": 9}}", 422, "from"),
        new Refusal("{\"type\": \"loss\", \"from\": {\"site\": 1}, \"to\": {\"address\": \"10.9.0.0/16\"}, \"loss\": \"5%\"}", 422, "to"));
    for (Refusal c : cases) {
      ControlClient.Answer a = client.post("/api/faults", c.body());
      assertEquals(c.status(), a.status(), c.body() + " -> " + a);
      assertEquals(Problem.MEDIA_TYPE, a.contentType());
      JsonNode p = a.json();
      assertEquals(c.status(), p.get("status").asInt());
      assertFalse(p.get("title").asText().isEmpty());
      assertFalse(p.get("detail").asText().isEmpty());
      assertTrue(p.get("type").asText().startsWith("/api/problems#"));
      assertEquals(c.field(), p.hasNonNull("field") ? p.get("field").asText() : null, c.body() + " -> " + a);
    }
    assertEquals("/api/problems#selector-matches-nothing", client.post("/api/faults", cases.get(cases.size() - 1).body()).json().get("type").asText());
    assertEquals(404, client.get("/api/faults/f-999").status());
    assertEquals(404, client.delete("/api/faults/f-999").status());
    assertEquals(404, client.get("/api/nothing").status());
    ControlClient.Answer wrong = client.method("PUT", "/api/faults", "{}");
    assertEquals(405, wrong.status());
    ControlClient.Answer large = client.post("/api/faults", "{\"name\": \"" + "x".repeat(ControlServer.MAX_BODY) + "\"}");
    assertEquals(413, large.status());
    assertEquals("body", large.json().get("field").asText());
    assertEquals(400, client.post("/api/components/pe-1-1/crash", "{\"now\": true}").status(), "an action takes no body");
    assertEquals(before, emulation.network().control().faults().size(), "nothing was added");
    assertEquals(0, client.get("/api/faults").json().get("faults").size());
    double injectedAfter = 0;
    for (FaultSpec.Type t : FaultSpec.Type.values()) injectedAfter += injected(t.key());
    assertEquals(injectedBefore, injectedAfter, 0.0, "no fault was applied");
    assertEquals(4, client.get("/api/components?role=pe&site=1&state=running").json().get("components").size(), "no component was touched");
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
