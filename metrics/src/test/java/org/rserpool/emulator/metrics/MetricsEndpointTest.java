package org.rserpool.emulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  @Test
  void servesCountersInThePrometheusTextFormatWithTheNodeLabel() throws Exception {
    PrometheusMeterRegistry registry = MetricsRegistry.create("node-7");
    Counter.builder("rserpool.registrar.registrations").register(registry).increment(3);
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(registry, "127.0.0.1", 0)) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      assertTrue(response.body().contains("rserpool_registrar_registrations_total{node=\"node-7\"} 3.0"), response.body());
      assertTrue(response.body().contains("jvm_memory_used_bytes"), "JVM meters are bound");
    }
  }

  @Test
  void theMetersOfARoleCarryThePoolItUses() {
    PrometheusMeterRegistry registry = MetricsRegistry.create("node-1", java.util.Map.of("rserpool.pool.user.", "EchoPool"));
    Counter.builder("rserpool.pool.user.jobs.completed").register(registry).increment();
    Counter.builder("rserpool.registrar.registrations").register(registry).increment();
    String text = registry.scrape();
    assertTrue(text.contains("rserpool_pool_user_jobs_completed_total{node=\"node-1\",pool=\"EchoPool\"} 1.0"), text);
    assertTrue(text.contains("rserpool_registrar_registrations_total{node=\"node-1\"} 1.0"), text);
  }

  @Test
  void aPortInUseIsReportedWithTheAddress() throws Exception {
    PrometheusMeterRegistry registry = MetricsRegistry.create("node-1");
    try (MetricsEndpoint first = MetricsEndpoint.start(registry, "127.0.0.1", 0)) {
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> MetricsEndpoint.start(registry, "127.0.0.1", first.port()));
      assertTrue(e.getMessage().contains("127.0.0.1:" + first.port()), e.getMessage());
    }
  }
}
