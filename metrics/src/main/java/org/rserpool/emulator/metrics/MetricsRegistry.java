package org.rserpool.emulator.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The meter registry of one emulator node: Prometheus naming (dots become underscores, counters get
 * {@code _total}, timers are histograms in seconds), a {@code node} label on every series, and the JVM
 * and process meters Grafana's JVM panels expect.
 */
public final class MetricsRegistry {
  private MetricsRegistry() {}

  /** A Prometheus registry whose every meter carries {@code node="<node>"}, with the JVM binders bound. */
  public static PrometheusMeterRegistry create(String node) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(List.of(Tag.of("node", node)));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // JvmGcMetrics holds GC notification listeners; they live as long as the registry's JVM.
    new JvmGcMetrics().bindTo(registry);
    return registry;
  }
}
