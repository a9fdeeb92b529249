package org.rserpool.emulator.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serves a registry in the Prometheus text format on {@code http://host:port/metrics} (any path works,
 * as with Prometheus's own exporter), from a small HTTP server of its own, independent of the actors.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  /**
   * Starts serving.
   *
   * @param port the TCP port, or 0 for any free one
   * @throws UncheckedIOException when the address cannot be bound (e.g. the port is in use)
   */
  public static MetricsEndpoint start(PrometheusMeterRegistry registry, String host, int port) {
    try {
      return new MetricsEndpoint(HTTPServer.builder()
          .hostname(host)
          .port(port)
          .registry(registry.getPrometheusRegistry())
          .buildAndStart());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
