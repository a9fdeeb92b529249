package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * 10,000 random and mutated requests to every route of the API (and to paths and methods it does not
 * have): random and mutated bodies, path parameters, query strings and {@code Last-Event-ID} headers.
 * No answer is a server error, every refusal is a problem document that changed nothing (no fault
 * added, no component acted on, nothing reset), the server keeps answering and the emulation keeps
 * running. Valid requests among them may add faults; they are removed between rounds (the fuzz is
 * about bad input, not about the faults).
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
      "{\"type\": \"attacker\", \"duration\": \"2s\"}",
      "{}");

  static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e309", "0", "\"\\u0000\"", "\"type\"",
      "\"from\"", "\"site\"", "\"mode\"", "\"value\"", "\"schedule\"", "\"every\"", "\"-5s\"", "\"0s\"", "9999999999999999999", "\"10.1.0.0/33\"",
      "\"pe-1-1\"", "\"crash\"", "\"latency\"", "\"delay\"", "\"%\"", "\"\\ud800\"", "1.5", "\"fixed\""};

  /** Path parameters: names and ids that exist, that do not, and odd segments. */
  static final String[] NAMES = {"pe-1-1", "pe-1-2", "pu-2-1", "registrar-1-1", "registrar-2-1", "attacker-1-1", "pe-9-9", "f-1", "f-2",
      "f-999", "%20", "..", "a%2Fb", "%00", "pe-1-1%3Bdrop", "x".repeat(300), "%E2%82%AC", "-1", "0x1234"};

  static final String[] QUERY_KEYS = {"role", "site", "state", "colour", "", "role[]", "%00"};
  static final String[] QUERY_VALUES = {"pe", "pool-element", "registrar", "pu", "attacker", "1", "2", "99", "-1", "running", "stopped",
      "pending", "stopping", "nope", "", "%", "1e9"};

  /** The API's routes (the OpenAPI test checks they are all there is), with their path parameters as {p}. */
  static final List<String[]> ROUTES = List.of(
      new String[] {"GET", "/api/status"}, new String[] {"GET", "/api/components"}, new String[] {"GET", "/api/components/{p}"},
      new String[] {"POST", "/api/components/{p}/crash"}, new String[] {"POST", "/api/components/{p}/shutdown"},
      new String[] {"POST", "/api/components/{p}/restart"}, new String[] {"GET", "/api/pools"},
      new String[] {"GET", "/api/registrars/{p}/handlespace"}, new String[] {"GET", "/api/results"}, new String[] {"GET", "/api/faults"},
      new String[] {"POST", "/api/faults"}, new String[] {"GET", "/api/faults/{p}"}, new String[] {"DELETE", "/api/faults/{p}"},
      new String[] {"POST", "/api/reset"}, new String[] {"GET", "/api/events"}, new String[] {"GET", "/api/openapi.yaml"});

  static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static final String[] OTHER_PATHS = {"/", "/api", "/api/", "/api/faults/", "/api/components/pe-1-1/explode", "/api/registrars/registrar-1-1",
      "/api/../api/status", "/metrics", "/api/events/1", "/API/STATUS", "/api/status?x=[1]"};

  /** Events only a request that was not refused may cause. */
  static final Set<String> ACTS = Set.of("fault-added", "control", "reset", "fault-removed");

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 3, pool-users = 3, attackers = 1 }, { registrars = 1, pool-elements = 3, pool-users = 3 }]
        scenario.start.attackers = 10h
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

  /** A body: none, a random or mutated one. */
  static String body(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> null;
      case 1 -> random(r);
      default -> mutate(SEEDS.get(r.nextInt(SEEDS.size())), r);
    };
  }

  static String query(SplittableRandom r) {
    if (r.nextInt(3) == 0) return "";
    StringBuilder q = new StringBuilder("?");
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) q.append('&');
      q.append(QUERY_KEYS[r.nextInt(QUERY_KEYS.length)]).append('=').append(URLEncoder.encode(QUERY_VALUES[r.nextInt(QUERY_VALUES.length)], StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /** One request to a route (most of them), another path, or a route with the wrong method. */
  static HttpRequest.Builder request(SplittableRandom r, String[] route) {
    String method = route[0];
    String path = route[1].replace("{p}", NAMES[r.nextInt(NAMES.length)]);
    switch (r.nextInt(10)) {
      case 0 -> path = OTHER_PATHS[r.nextInt(OTHER_PATHS.length)];
      case 1 -> method = METHODS[r.nextInt(METHODS.length)];
      default -> { }
    }
    if (path.equals("/api/components") || r.nextInt(8) == 0) path += query(r);
    String body = body(r);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(client.base + path)).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (r.nextInt(4) == 0) {
      String[] ids = {"0", "1", "-1", "abc", "99999999999999999999", "", " 7 ", "1.5"};
      b.header("Last-Event-ID", ids[r.nextInt(ids.length)]);
    }
    return b;
  }

  record Answer(int status, String contentType, String body) {}

  /** Sends and reads the answer; an event stream only up to its status (it does not end). */
  static Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<InputStream> r = client.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String type = r.headers().firstValue("Content-Type").orElse("");
    try (InputStream in = r.body()) {
      if (type.startsWith("text/event-stream")) return new Answer(r.statusCode(), type, "");
      return new Answer(r.statusCode(), type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void noRequestMakesAServerErrorChangesTheEmulationWhenRefusedOrStopsIt() throws Exception {
    SplittableRandom r = new SplittableRandom(20261207);
    Map<Integer, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byRoute = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    List<String> refusedButActed = new ArrayList<>();
    double clockBefore = emulation.clock().seconds();
    for (int i = 0; i < REQUESTS; i++) {
      // Half of them go to the fault route, which reads the most fields.
      String[] route = i % 2 == 0 ? ROUTES.get(r.nextInt(ROUTES.size())) : ROUTES.get(10);
      HttpRequest request = request(r, route).build();
      long lastEvent = lastEventId();
      Answer a = send(request);
      byStatus.merge(a.status(), 1, Integer::sum);
      byRoute.merge(route[0] + " " + route[1], 1, Integer::sum);
      String what = request.method() + " " + request.uri().getRawPath() + " -> " + a.status() + " " + a.body();
      if (a.status() >= 500) serverErrors.add(what);
      if (a.status() >= 400) {
        assertEquals(Problem.MEDIA_TYPE, a.contentType(), what);
        for (EventHub.Event e : server.events().recent()) {
          if (e.id() > lastEvent && ACTS.contains(e.type()) && !e.json().contains("its duration is over")
              && !e.json().contains("its last occurrence is over")) {
            refusedButActed.add(what + " / event " + e.type() + " " + e.json());
          }
        }
      }
      if (i % 500 == 499) client.post("/api/reset", null);
    }
    assertTrue(serverErrors.isEmpty(), serverErrors.size() + " server errors, e.g. " + serverErrors.subList(0, Math.min(5, serverErrors.size())));
    assertTrue(refusedButActed.isEmpty(), refusedButActed.size() + " refused requests acted, e.g. " + refusedButActed.subList(0, Math.min(3, refusedButActed.size())));
    for (String[] route : ROUTES) {
      assertTrue(byRoute.getOrDefault(route[0] + " " + route[1], 0) >= 100, "every route was fuzzed: " + byRoute);
    }
    for (int status : List.of(200, 201, 202, 400, 404, 405, 409, 422)) {
      assertTrue(byStatus.getOrDefault(status, 0) > 0, "the fuzz reached " + status + ": " + byStatus);
    }
    System.out.println("ControlFuzzTest: answers by status " + byStatus);
    assertEquals(200, client.post("/api/reset", null).status());
    assertEquals(200, client.get("/api/status").status(), "still answering");
    assertTrue(emulation.clock().seconds() > clockBefore, "the emulation still runs");
    assertTrue(emulation.statistics().registrars() >= 1, "its registrars still run");
  }

  static long lastEventId() {
    List<EventHub.Event> recent = server.events().recent();
    return recent.isEmpty() ? 0 : recent.get(recent.size() - 1).id();
  }
}
