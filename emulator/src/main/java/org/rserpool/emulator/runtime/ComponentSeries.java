package org.rserpool.emulator.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentList;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;

/**
 * Per-component series for small runs ({@code rserpool.metrics.per-component = on}), one pair for every
 * component of the deployment:
 *
 * <ul>
 *   <li>{@code emulator_component_running{component,role}}: 1 while it runs, 0 before its start time
 *       and after a crash or shutdown;
 *   <li>{@code emulator_component_incarnation{component,role}}: how often it has been started (a
 *       restart adds one).
 * </ul>
 *
 * Off by default: a label per component multiplies these series by the component count (2,124 for
 * the default scenario), where every other series of a node stays a few hundred whatever the size.
 * The guardian's list is read every {@code interval} on the actor system's scheduler, without
 * blocking; the series end with the system.
 */
final class ComponentSeries {
  private final MeterRegistry registry;
  private final Map<String, Values> values = new ConcurrentHashMap<>();

  /** One component's values; the map holds them strongly (Micrometer's gauges hold them weakly). */
  private static final class Values {
    volatile int running;
    volatile int incarnation;
  }

  private ComponentSeries(MeterRegistry registry) {
    this.registry = registry;
  }

  static void start(Emulation emulation, MeterRegistry registry, Duration interval) {
    ComponentSeries series = new ComponentSeries(registry);
    var system = emulation.system();
    system.scheduler().scheduleWithFixedDelay(Duration.ZERO, interval,
        () -> emulation.listLocalComponents(Duration.ofSeconds(5)).thenAccept(series::update), system.executionContext());
  }

  void update(ComponentList list) {
    for (ComponentStatus c : list.components()) {
      Values v = values.computeIfAbsent(c.name(), name -> register(c));
      v.running = c.state() == EmulationGuardian.State.RUNNING ? 1 : 0;
      v.incarnation = c.incarnation();
    }
  }

  private Values register(ComponentStatus c) {
    Values v = new Values();
    String role = c.role().name().toLowerCase(Locale.ROOT).replace('_', '-');
    Gauge.builder("emulator.component.running", v, x -> x.running).tag("component", c.name()).tag("role", role)
        .description("1 while the component runs, 0 before its start and after a crash or shutdown (rserpool.metrics.per-component)")
        .register(registry);
    Gauge.builder("emulator.component.incarnation", v, x -> x.incarnation).tag("component", c.name()).tag("role", role)
        .description("How often the component has been started (rserpool.metrics.per-component)")
        .register(registry);
    return v;
  }
}
