package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** Crash, shutdown and restart through the control API, and a scenario event that crashes a component on time. */
class ComponentLifecycleTest {
  static final Duration ASK = Duration.ofSeconds(3);
  static Emulation emulation;
  static ActorTestKit probes;

  @BeforeAll
  static void start() {
    // Time-scale 20: pe-1-3 crashes at 40 emulated seconds, 2 s of real time after the start.
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario {
          sites = [{ registrars = 1, pool-elements = 3, pool-users = 0 }]
          events = [{ at = 40s, action = crash, component = "pe-1-3" }]
        }
        """, Map.of("scenario.time-scale", 20, "rserpool.metrics.port", 0)));
    probes = ActorTestKit.create(emulation.system());
  }

  @AfterAll
  static void stop() throws Exception {
    emulation.close();
  }

  static EmulationGuardian.ComponentStatus status(String name) {
    return emulation.listComponents(ASK).toCompletableFuture().join().components().stream()
        .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  static PoolElement.Status poolElementStatus(ActorRef<PoolElement.Command> pe) {
    TestProbe<PoolElement.Status> probe = probes.createTestProbe();
    pe.tell(new PoolElement.GetStatus(probe.ref()));
    return probe.expectMessageClass(PoolElement.Status.class);
  }

  @Test
  void aCrashedPoolElementIsGoneAndARestartRegistersItAgainWithANewIdentifier() {
    TestProbe<Object> waiter = probes.createTestProbe();
    waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
      assertEquals(3, emulation.statistics().poolElementsRegistered());
      return null;
    });
    ActorRef<PoolElement.Command> before = emulation.components(ASK).toCompletableFuture().join().poolElements().get(0);
    int oldIdentifier = poolElementStatus(before).identifier();

    EmulationGuardian.ControlReply crash = emulation.control(ComponentAction.CRASH, "pe-1-1", ASK).toCompletableFuture().join();
    assertTrue(crash.done(), crash.message());
    waiter.awaitAssert(() -> {
      assertEquals(EmulationGuardian.State.STOPPED, status("pe-1-1").state());
      return null;
    });
    assertFalse(emulation.control(ComponentAction.CRASH, "pe-1-1", ASK).toCompletableFuture().join().done(), "not running any more");

    EmulationGuardian.ControlReply restart = emulation.control(ComponentAction.RESTART, "pe-1-1", ASK).toCompletableFuture().join();
    assertTrue(restart.done(), restart.message());
    assertEquals(2, status("pe-1-1").incarnation());
    waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
      ActorRef<PoolElement.Command> after = emulation.components(ASK).toCompletableFuture().join().poolElements().get(0);
      PoolElement.Status s = poolElementStatus(after);
      assertTrue(s.registered());
      assertNotEquals(oldIdentifier, s.identifier(), "a restarted pool element has a new identifier");
      return null;
    });
  }

  @Test
  void aScenarioEventCrashesItsComponentOnTime() {
    TestProbe<Object> waiter = probes.createTestProbe();
    waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
      assertEquals(EmulationGuardian.State.STOPPED, status("pe-1-3").state());
      return null;
    });
    assertTrue(emulation.clock().seconds() >= 40, "not before its time");
  }

  /** A clean shutdown deregisters: the registrar's handlespace loses the pool element before it stops. */
  @Test
  void aShutdownPoolElementDeregistersAndCanBeRestarted() {
    TestProbe<Object> waiter = probes.createTestProbe();
    waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
      assertEquals(EmulationGuardian.State.RUNNING, status("pe-1-2").state());
      assertTrue(emulation.statistics().registrations() >= 3, "every pool element has registered");
      return null;
    });
    EmulationGuardian.ControlReply shutdown = emulation.control(ComponentAction.SHUTDOWN, "pe-1-2", ASK).toCompletableFuture().join();
    assertTrue(shutdown.done(), shutdown.message());
    waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
      assertEquals(EmulationGuardian.State.STOPPED, status("pe-1-2").state());
      assertEquals(1, emulation.statistics().deregistrations());
      return null;
    });
    EmulationGuardian.ControlReply restart = emulation.control(ComponentAction.RESTART, "pe-1-2", ASK).toCompletableFuture().join();
    assertTrue(restart.done(), restart.message());
    waiter.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
      assertEquals(EmulationGuardian.State.RUNNING, status("pe-1-2").state());
      assertEquals(2, status("pe-1-2").incarnation());
      return null;
    });
  }

  @Test
  void registrarsRefuseAShutdownWithAReason() {
    EmulationGuardian.ControlReply registrar = emulation.control(ComponentAction.SHUTDOWN, "registrar-1-1", ASK).toCompletableFuture().join();
    assertFalse(registrar.done());
    assertTrue(registrar.message().contains("use crash"), registrar.message());
  }

  @Test
  void unknownComponentsAndImpossibleActionsAreRefusedWithAReason() {
    EmulationGuardian.ControlReply unknown = emulation.control(ComponentAction.CRASH, "pe-9-9", ASK).toCompletableFuture().join();
    assertFalse(unknown.done());
    assertTrue(unknown.message().contains("no component named 'pe-9-9'"), unknown.message());
    EmulationGuardian.ControlReply running = emulation.control(ComponentAction.RESTART, "registrar-1-1", ASK).toCompletableFuture().join();
    assertFalse(running.done());
    assertTrue(running.message().contains("not crashed"), running.message());
  }
}
