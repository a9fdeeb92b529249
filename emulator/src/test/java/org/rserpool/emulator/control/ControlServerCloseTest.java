package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** Stopping the endpoint ends an event stream as a stream ends (its last chunk), not by cutting the connection. */
class ControlServerCloseTest {
  @Test
  void closingEndsTheEventStreamsCleanly() throws Exception {
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 1, pool-users = 1 }]
        """, Map.of("rserpool.metrics.port", 0)))) {
      ControlServer server = ControlClient.serve(emulation, null);
      ControlClient client = new ControlClient(server.port(), null);
      HttpResponse<InputStream> r = client.http.send(HttpRequest.newBuilder(URI.create(client.base + "/api/events")).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, r.statusCode());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.events().clients() == 0 && System.nanoTime() < end) Thread.sleep(20);
        assertEquals(1, server.events().clients(), "the stream is open");
        CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
          try {
            while (in.readLine() != null) {
              // Read to the end: null once the stream has ended, an IOException if it was cut.
            }
            return null;
          } catch (java.io.IOException e) {
            return "cut: " + e;
          }
        });
        server.close();
        assertNull(rest.get(10, TimeUnit.SECONDS), "the stream ended, not cut");
      }
      assertTrue(emulation.clock().seconds() > 0, "the emulation runs on without its control endpoint");
    }
  }
}
