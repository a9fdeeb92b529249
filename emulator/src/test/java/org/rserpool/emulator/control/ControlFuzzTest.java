package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * 10,000 random and mutated request bodies to every route that takes one: no answer is a server error,
 * the server keeps answering, and the emulation keeps running. Valid requests among them may add
 * faults; they are removed between rounds (the fuzz is about bad input, not about the faults).
 */
class ControlFuzzTest {
  static final int REQUESTS = 10_000;
  static Emulation emulation;
  static ControlServer server;
  static ControlClient client;

  /** Seeds: valid bodies the mutations start from. */
  static final List<String> SEEDS = List.of(
      "{\"type\": \"latency\", \"from\": {\"site\": 1}, \"to\": {\"site\": 2}, \"delay\": \"10ms\", \"duration\": \"5s\"}",
      "{\"type\": \"loss\", \"from\": {\"role\": \"pe\", \"mode\": \"fixed\", \"value\": 1}, \"loss\": \"5%\", \"direction\": \"to\"}",
      "{\"type\": \"partition\", \"from\": {\"address\": \"10.1.0.0/16\"}, \"to\": {\"names\": [\"pe-1-1\"]}}",
      "{\"type\": \"crash\", \"target\": {\"role\": \"pe\", \"mode\": \"one\"}, \"duration\": \"2s\", \"schedule\": {\"every\": \"10s\", \"occurrences\": 2}}",
      "{\"type\": \"rate\", \"from\": {\"site\": [1]}, \"rate\": \"1mbit\", \"queue-limit\": 10}",
      "{\"type\": \"shutdown\", \"target\": {\"names\": \"pe-1-2\"}, \"duration\": \"3s\"}",
      "{\"type\": \"jitter\", \"from\": {\"site\": 1}, \"jitter\": \"2ms\", \"distribution\": \"pareto\"}",
      "{\"type\": \"duplicate\", \"from\": {\"site\": 1}, \"duplicate\": 0.5, \"duplicate-correlation\": \"25%\"}",
      "{\"type\": \"crash\", \"target\": {\"site\": 1, \"mode\": \"percent\", \"value\": 50}, \"schedule\": {\"mtbf\": \"20s\", \"distribution\": \"uniform 2\"}, \"duration\": \"1s\"}",
      "{}");

  static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e309", "0", "\"\\u0000\"", "\"type\"",
      "\"from\"", "\"site\"", "\"mode\"", "\"value\"", "\"schedule\"", "\"every\"", "\"-5s\"", "\"0s\"", "9999999999999999999", "\"10.1.0.0/33\"",
      "\"pe-1-1\"", "\"crash\"", "\"latency\"", "\"delay\"", "\"%\"", "\"\\ud800\"", "1.5", "\"fixed\""};

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 3, pool-users = 3 }, { registrars = 1, pool-elements = 3, pool-users = 3 }]
        """, Map.of("rserpool.metrics.port", 0, "scenario.time-scale", 10)));
    server = ControlClient.serve(emulation, null);
    client = new ControlClient(server.port(), null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    emulation.close();
  }

  static String mutate(String s, SplittableRandom r) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
      switch (r.nextInt(5)) {
        case 0 -> { if (b.length() > 0 && at < b.length()) b.deleteCharAt(at); }
        case 1 -> b.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
        case 2 -> b.insert(at, (char) r.nextInt(0x20, 0x7f));
        case 3 -> { if (b.length() > 0 && at < b.length()) b.setCharAt(at, (char) r.nextInt(0, 0x3000)); }
        default -> {
          int from = b.length() == 0 ? 0 : r.nextInt(b.length());
          int to = Math.min(b.length(), from + r.nextInt(20));
          b.insert(at, b.substring(from, to));
        }
      }
    }
    return b.toString();
  }

  static String random(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(1, 30);
    for (int i = 0; i < n; i++) b.append(TOKENS[r.nextInt(TOKENS.length)]);
    return b.toString();
  }

  @Test
  void noBodyMakesAServerErrorOrStopsTheEmulation() {
    SplittableRandom r = new SplittableRandom(20261206);
    List<String[]> routes = List.of(
        new String[] {"POST", "/api/faults"}, new String[] {"POST", "/api/reset"}, new String[] {"POST", "/api/components/pe-1-1/crash"},
        new String[] {"POST", "/api/components/pe-1-1/restart"}, new String[] {"POST", "/api/components/registrar-1-1/shutdown"},
        new String[] {"DELETE", "/api/faults/f-1"}, new String[] {"GET", "/api/status"}, new String[] {"PUT", "/api/faults"},
        new String[] {"PATCH", "/api/components/pe-1-1"});
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    double clockBefore = emulation.clock().seconds();
    for (int i = 0; i < REQUESTS; i++) {
      // Most requests go to the fault route, which reads the most fields.
      String[] route = i % 3 == 0 ? routes.get(r.nextInt(routes.size())) : routes.get(0);
      String body = r.nextInt(4) == 0 ? random(r) : mutate(SEEDS.get(r.nextInt(SEEDS.size())), r);
      ControlClient.Answer a = client.method(route[0], route[1], body);
      byStatus.merge(a.status(), 1, Integer::sum);
      if (a.status() >= 500) serverErrors.add(route[0] + " " + route[1] + " " + body + " -> " + a);
      if (a.status() >= 400) assertEquals(Problem.MEDIA_TYPE, a.contentType(), body + " -> " + a);
      if (i % 500 == 499) client.post("/api/reset", null);
    }
    assertTrue(serverErrors.isEmpty(), serverErrors.size() + " server errors, e.g. " + serverErrors.subList(0, Math.min(5, serverErrors.size())));
    assertTrue(byStatus.getOrDefault(201, 0) > 0 && byStatus.getOrDefault(422, 0) > 0 && byStatus.getOrDefault(400, 0) > 0,
        "the fuzz reached valid and invalid bodies: " + byStatus);
    assertEquals(200, client.post("/api/reset", null).status());
    assertEquals(200, client.get("/api/status").status(), "still answering");
    assertTrue(emulation.clock().seconds() > clockBefore, "the emulation still runs");
    assertTrue(emulation.statistics().registrars() >= 1, "its registrars still run");
  }
}
