package org.rserpool.emulator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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

  /**
   * Adds {@code pool="<pool handle>"} to every meter whose name starts with one of the prefixes, e.g.
   * {@code rserpool.pool.user.} for the pool users' meters. A node's pool elements, pool users and
   * attackers each serve or use one pool (the scenario's {@code pool-handle} of their role), so the label
   * costs no series and lets dashboards filter by pool. Registrars serve every pool and get none. Call it
   * before the meters are registered: a filter applies to meters registered after it.
   */
  public static void labelPools(MeterRegistry registry, Map<String, String> poolByMeterPrefix) {
    Map<String, Tag> tags = new LinkedHashMap<>();
    poolByMeterPrefix.forEach((prefix, pool) -> tags.put(prefix, Tag.of("pool", pool)));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        for (Map.Entry<String, Tag> e : tags.entrySet()) {
          if (id.getName().startsWith(e.getKey())) return id.withTag(e.getValue());
        }
        return id;
      }
    });
  }
}
