package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** rserpool.metrics.per-component: a running and an incarnation gauge per component when on, none when off. */
class ComponentSeriesTest {
  static final String SCENARIO = """
      scenario {
        sites = [{ registrars = 1, pool-elements = 2, pool-users = 1 }]
        start { pool-elements = 0s, pool-users = 0s }
      }
      """;

  static double gauge(Emulation e, String name, String component) {
    return Search.in(e.registry()).name(name).tag("component", component).gauge().value();
  }

  @Test
  void onEveryComponentHasItsStateAndStartsAsSeries() throws Exception {
    try (Emulation e = Emulation.start(ScenarioLoader.loadString(SCENARIO,
        Map.of("scenario.time-scale", 20, "rserpool.metrics.port", 0, "rserpool.metrics.per-component", "on")))) {
      TestProbe<Object> waiter = ActorTestKit.create(e.system()).createTestProbe();
      waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
        for (String c : new String[] {"registrar-1-1", "pe-1-1", "pe-1-2", "pu-1-1"}) {
          assertEquals(1.0, gauge(e, "emulator.component.running", c), c);
          assertEquals(1.0, gauge(e, "emulator.component.incarnation", c), c);
        }
        return null;
      });
      assertEquals("pool-element", Search.in(e.registry()).name("emulator.component.running").tag("component", "pe-1-2").gauge().getId().getTag("role"));
      assertEquals(4, Search.in(e.registry()).name("emulator.component.running").gauges().size());

      assertTrue(e.control(ComponentAction.CRASH, "pe-1-2", Duration.ofSeconds(3)).toCompletableFuture().join().done());
      waiter.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
        assertEquals(0.0, gauge(e, "emulator.component.running", "pe-1-2"));
        return null;
      });
      assertTrue(e.control(ComponentAction.RESTART, "pe-1-2", Duration.ofSeconds(3)).toCompletableFuture().join().done());
      waiter.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
        assertEquals(1.0, gauge(e, "emulator.component.running", "pe-1-2"));
        assertEquals(2.0, gauge(e, "emulator.component.incarnation", "pe-1-2"), "the restart is the second start");
        return null;
      });
    }
  }

  @Test
  void offThereIsNone() throws Exception {
    try (Emulation e = Emulation.start(ScenarioLoader.loadString(SCENARIO, Map.of("scenario.time-scale", 20, "rserpool.metrics.port", 0)))) {
      TestProbe<Object> waiter = ActorTestKit.create(e.system()).createTestProbe();
      waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
        assertEquals(2, e.statistics().poolElementsRegistered());
        return null;
      });
      assertEquals(0, Search.in(e.registry()).name(n -> n.startsWith("emulator.component.")).meters().size());
    }
  }
}
