package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.registrar.Registrar;
import org.rserpool.emulator.registrar.RegistrarSummary;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * scenarios/registrar-takeover.conf at time-scale 20: three registrars, 100 pool elements; registrar-1-2
 * crashes at 75 s, one survivor takes its pool elements over, and the two survivors end with identical
 * handlespaces (same pool elements, same owners, equal PE checksums).
 */
class RegistrarTakeoverScenarioTest {
  static Emulation emulation;
  static ActorTestKit probes;

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadFile(Path.of("../scenarios/registrar-takeover.conf"),
        Map.of("scenario.time-scale", 20, "rserpool.metrics.port", 0)));
    probes = ActorTestKit.create(emulation.system());
  }

  @AfterAll
  static void stop() throws Exception {
    emulation.close();
  }

  static double counter(String name) {
    return emulation.registry().get(name).counter().count();
  }

  @Test
  void theCrashedRegistrarIsTakenOverAndTheSurvivorsAgree() {
    Deployment.RegistrarSpec crashed = emulation.deployment().registrars().stream()
        .filter(r -> r.name().equals("registrar-1-2")).findFirst().orElseThrow();
    for (Deployment.RegistrarSpec r : emulation.deployment().registrars()) {
      assertEquals(2, r.staticPeers().size(), "every other registrar is a static peer");
      assertFalse(r.staticPeers().contains(r.enrpAddress()));
    }
    TestProbe<RegistrarSummary> probe = probes.createTestProbe();
    // 60 s of real time = 20 emulated minutes; the takeover completes about 85 emulated seconds in.
    probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(250), () -> {
      assertTrue(counter("rserpool.registrar.takeovers.by.consent") + counter("rserpool.registrar.takeovers.by.timeout") >= 1,
          "a takeover completed");
      List<ActorRef<Registrar.Command>> running = emulation.components(Duration.ofSeconds(3)).toCompletableFuture().join().registrars();
      assertEquals(2, running.size(), "registrar-1-2 has crashed");
      List<RegistrarSummary> survivors = new ArrayList<>();
      for (ActorRef<Registrar.Command> r : running) {
        r.tell(new Registrar.GetSummary(probe.ref()));
        survivors.add(probe.expectMessageClass(RegistrarSummary.class));
      }
      RegistrarSummary a = survivors.get(0);
      RegistrarSummary b = survivors.get(1);
      assertEquals(100, a.poolElements().size(), a.name());
      assertEquals(a.poolElements(), b.poolElements(), "same pool elements with the same owners");
      assertEquals(a.owners(), b.owners(), "same PE checksums per owner");
      assertEquals(a.digest(), b.digest());
      assertEquals(0, a.ownedBy(crashed.serverId()), "nothing left with the crashed registrar");
      assertEquals(100, a.ownedBy(a.serverId()) + a.ownedBy(b.serverId()));
      assertEquals(a.ownChecksum(), b.owners().stream().filter(o -> o.serverId() == a.serverId()).findFirst().orElseThrow().checksum());
      return null;
    });
    assertTrue(counter("rserpool.registrar.takeovers.started") >= 1);
    double digestA = emulation.registry().get("rserpool.registrar.handlespace.digest").tag("registrar", "registrar-1-1").gauge().value();
    double digestC = emulation.registry().get("rserpool.registrar.handlespace.digest").tag("registrar", "registrar-1-3").gauge().value();
    assertEquals(digestA, digestC, "the per-registrar digest gauges agree too");
    assertTrue(emulation.registry().find("rserpool.registrar.handlespace.digest").tag("registrar", "registrar-1-2").gauges().isEmpty(),
        "the crashed registrar's own gauges are gone");
  }
}
