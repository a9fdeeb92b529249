package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** The token rule: off loopback the endpoint needs a token; with one, every request needs it; no CORS wildcard. */
class ControlSecurityTest {
  static Emulation emulation;

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 1, pool-users = 1 }]
        """, Map.of("rserpool.metrics.port", 0)));
  }

  @AfterAll
  static void stop() throws Exception {
    emulation.close();
  }

  @Test
  void anyAddressButLoopbackNeedsAToken() {
    ControlSettings open = new ControlSettings(true, "0.0.0.0", 0, "", Duration.ofMillis(200));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControlServer.start(emulation, open, null));
    assertTrue(e.getMessage().contains("--control-token"), e.getMessage());
    new ControlSettings(true, "127.0.0.1", 0, "", Duration.ofMillis(200)).check();
    new ControlSettings(true, "127.0.0.2", 0, "", Duration.ofMillis(200)).check();
    new ControlSettings(true, "0.0.0.0", 0, "s3cret", Duration.ofMillis(200)).check();
  }

  @Test
  void withATokenEveryRequestNeedsIt() {
    try (ControlServer server = ControlClient.serve(emulation, "s3cret-token")) {
      ControlClient none = new ControlClient(server.port(), null);
      ControlClient wrong = new ControlClient(server.port(), "s3cret-tokem");
      ControlClient shorter = new ControlClient(server.port(), "s3cret");
      ControlClient right = new ControlClient(server.port(), "s3cret-token");
      for (ControlClient c : new ControlClient[] {none, wrong, shorter}) {
        ControlClient.Answer a = c.get("/api/status");
        assertEquals(401, a.status(), a::toString);
        assertEquals(Problem.MEDIA_TYPE, a.contentType());
        assertEquals(401, c.post("/api/reset", null).status());
        assertEquals(401, c.post("/api/faults", "{\"type\": \"partition\", \"from\": {\"site\": 1}}").status());
      }
      assertEquals(0, emulation.network().control().faults().size(), "no unauthorised request did anything");
      assertEquals(200, right.get("/api/status").status());
      // The right secret in another scheme is refused too.
      ControlClient.Answer basicOnly = none.send(HttpRequest.newBuilder(URI.create(none.base + "/api/status"))
          .header("Authorization", "Basic czNjcmV0LXRva2Vu").GET());
      assertEquals(401, basicOnly.status());
    }
  }

  @Test
  void noCorsWildcard() throws Exception {
    try (ControlServer server = ControlClient.serve(emulation, null)) {
      ControlClient c = new ControlClient(server.port(), null);
      var r = c.http.send(HttpRequest.newBuilder(URI.create(c.base + "/api/status")).header("Origin", "http://evil.example").GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "no CORS header at all");
    }
  }
}
