package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * ASAP over emulated SCTP associations (rserpool.network.sctp) in whole emulations: a lossy link
 * delays registrations and loses none (as datagrams it loses a share of them), and a crashed pool
 * element leaves the handlespace when its association fails, long before its keep-alive timeout.
 */
class SctpAssociationsTest {
  static final Duration ASK = Duration.ofSeconds(3);

  static final String LOSSY = """
      scenario {
        sites = [{ registrars = 1, pool-elements = 20, pool-users = 0 }]
        network { lan-delay = 5ms, link { loss = "20%" } }
      }
      rserpool.pool-element.reregistration-interval = 5s
      """;

  static double count(MeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /**
   * Registrations sent by the pool elements in 200 emulated seconds, those the registrar received by 200
   * seconds after the pool elements crashed (no more are sent; those on their way still arrive: their
   * transmissions were worked out when they were sent), and the retransmissions.
   */
  static double[] registrationsOverALossyLink(boolean sctp) throws Exception {
    Map<String, Object> overrides = new HashMap<>(Map.of("scenario.time-scale", 50, "rserpool.metrics.port", 0, "rserpool.network.sctp.enabled", sctp));
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString(LOSSY, overrides))) {
      Thread.sleep(4_000);
      for (int i = 1; i <= 20; i++) assertTrue(emulation.control(ComponentAction.CRASH, "pe-1-" + i, ASK).toCompletableFuture().join().done());
      MeterRegistry r = emulation.registry();
      double sent = count(r, "rserpool.pool.element.registrations.sent");
      // 200 emulated seconds: six transmissions of a message even at an RTO of 3 s, so that one in 5^6
      // is still undelivered when a link loses one in five.
      Thread.sleep(4_000);
      double received = count(r, "rserpool.registrar.registrations");
      double retransmissions = count(r, "emulator.network.sctp.retransmissions");
      double lost = r.get("emulator.network.messages").tag("outcome", "lost").counter().count();
      assertEquals(retransmissions, emulation.statistics().retransmissions(), "the statistics (results, summary) count the same");
      System.out.printf("SCTP %s over 20 %% loss: %.0f registrations sent, %.0f received, %.0f retransmissions, %.0f packets lost%n",
          sctp ? "on" : "off", sent, received, retransmissions, lost);
      return new double[] {sent, received, retransmissions, lost};
    }
  }

  @Test
  void aLossyLinkDelaysRegistrationsButLosesNone() throws Exception {
    double[] on = registrationsOverALossyLink(true);
    assertTrue(on[0] > 200, "registrations sent: " + on[0]);
    assertTrue(on[3] > 0 && on[2] > 0, "packets were lost and retransmitted");
    // Every registration arrives (several hundred from 20 pool elements; each still undelivered with a chance of 1 in 15,625).
    assertEquals(on[0], on[1], "registrations sent and received");

    double[] off = registrationsOverALossyLink(false);
    assertEquals(0, off[2], "no retransmissions without associations");
    assertTrue(off[1] < 0.9 * off[0], "as datagrams, a link losing 20 % loses registrations: " + off[1] + " of " + off[0]);
  }

  @Test
  void aCrashedPoolElementLeavesTheHandlespaceWhenItsAssociationFailsNotAtItsKeepAliveTimeout() throws Exception {
    // Keep-alives every 2 s with a 60 s timeout; an association that fails after 100 + 200 + 400 ms of
    // unanswered retransmissions (RTO.Min 100 ms, RTO.Max 400 ms, two retransmissions).
    Map<String, Object> overrides = new HashMap<>(Map.of("scenario.time-scale", 10, "rserpool.metrics.port", 0,
        "rserpool.registrar.endpoint-keep-alive-transmission-interval", "2s", "rserpool.registrar.endpoint-keep-alive-timeout-interval", "60s",
        "rserpool.network.sctp.rto-initial", "200ms", "rserpool.network.sctp.rto-min", "100ms", "rserpool.network.sctp.rto-max", "400ms",
        "rserpool.network.sctp.association-max-retrans", 2));
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario { sites = [{ registrars = 1, pool-elements = 3, pool-users = 0 }] }
        """, overrides))) {
      ActorTestKit probes = ActorTestKit.create(emulation.system());
      TestProbe<Object> waiter = probes.createTestProbe();
      waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
        assertEquals(3, emulation.statistics().poolElementsInHandlespaces());
        return null;
      });
      // Some keep-alives first, so that the association has measured its round trip.
      Thread.sleep(1_000);
      assertTrue(emulation.control(ComponentAction.CRASH, "pe-1-1", ASK).toCompletableFuture().join().done());
      long crashed = emulation.network().clock().nanos();
      waiter.awaitAssert(Duration.ofSeconds(5), Duration.ofMillis(20), () -> {
        assertEquals(2, emulation.statistics().poolElementsInHandlespaces());
        return null;
      });
      double seconds = (emulation.network().clock().nanos() - crashed) / 1e9;
      MeterRegistry r = emulation.registry();
      System.out.printf("crashed pool element removed after %.2f emulated s%n", seconds);
      // At most one keep-alive interval until the registrar sends, then 0.7 s of retransmissions.
      assertTrue(seconds < 2 + 0.7 + 1, "removed after " + seconds + " s");
      assertEquals(1, count(r, "rserpool.registrar.association.losses"));
      assertEquals(0, count(r, "rserpool.registrar.endpoint.keep.alive.timeouts"));
      assertEquals(1, r.get("emulator.network.sctp.associations.lost").tag("cause", "retransmissions_exhausted").counter().count());
    }
  }
}
