package org.rserpool.emulator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The meter registry of one emulator node: Prometheus naming (dots become underscores, counters get
 * {@code _total}, timers are histograms in seconds), a {@code node} label on every series, and the JVM
 * and process meters Grafana's JVM panels expect.
 */
public final class MetricsRegistry {
  private MetricsRegistry() {}

  /** A Prometheus registry whose every meter carries {@code node="<node>"}, with the JVM binders bound. */
  public static PrometheusMeterRegistry create(String node) {
    return create(node, Map.of());
  }

  /**
   * A Prometheus registry whose every meter carries {@code node="<node>"}, and {@code pool="<pool
   * handle>"} where its name starts with one of the prefixes of {@code poolByMeterPrefix}, e.g.
   * {@code rserpool.pool.user.} for the pool users' meters. A node's pool elements, pool users and
   * attackers each serve or use one pool (the scenario's {@code pool-handle} of their role), so the label
   * costs no series and lets dashboards filter by pool. Registrars serve every pool and get none.
   */
  public static PrometheusMeterRegistry create(String node, Map<String, String> poolByMeterPrefix) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(List.of(Tag.of("node", node)));
    // Filters apply to the meters registered after them: before the binders.
    if (!poolByMeterPrefix.isEmpty()) registry.config().meterFilter(poolLabels(poolByMeterPrefix));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // JvmGcMetrics holds GC notification listeners; they live as long as the registry's JVM.
    new JvmGcMetrics().bindTo(registry);
    return registry;
  }

  private static MeterFilter poolLabels(Map<String, String> poolByMeterPrefix) {
    Map<String, Tag> tags = new LinkedHashMap<>();
    poolByMeterPrefix.forEach((prefix, pool) -> tags.put(prefix, Tag.of("pool", pool)));
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        for (Map.Entry<String, Tag> e : tags.entrySet()) {
          if (id.getName().startsWith(e.getKey())) return id.withTag(e.getValue());
        }
        return id;
      }
    };
  }
}
