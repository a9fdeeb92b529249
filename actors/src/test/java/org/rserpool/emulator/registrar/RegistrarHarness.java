package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * Registrars on the manual-time network, for step-by-step tests: settings from HOCON overrides, the
 * addresses of site 1 (registrar i at 10.1.0.i, ASAP port 3863, ENRP port 9901), summaries, and time
 * that advances in small steps with a barrier after each, so that every actor has handled what the
 * step delivered before the next one (links must then have a delay, so that nothing is delivered in
 * between).
 */
final class RegistrarHarness implements AutoCloseable {
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final Duration ASK = Duration.ofSeconds(5);

  final ActorTestKit kit;
  final ManualNetwork net;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RegistrarMetrics metrics = new RegistrarMetrics(registry);
  private final List<ActorRef<Registrar.Command>> registrars = new ArrayList<>();
  private final List<ActorRef<Object>> others = new ArrayList<>();
  private final TestProbe<RegistrarSummary> summaries;
  private final TestProbe<Done> done;

  RegistrarHarness(ActorTestKit kit, Duration linkDelay) {
    this(kit, ManualNetwork.create(kit.system(), linkDelay));
  }

  /** On links of their own, e.g. sites at different delays. */
  RegistrarHarness(ActorTestKit kit, LinkModel links) {
    this(kit, ManualNetwork.create(kit.system(), links));
  }

  private RegistrarHarness(ActorTestKit kit, ManualNetwork net) {
    this.kit = kit;
    this.net = net;
    this.summaries = kit.createTestProbe();
    this.done = kit.createTestProbe();
  }

  /** The defaults of reference.conf with the given overrides of {@code rserpool.registrar}, e.g. {@code "max-bad-pe-reports = 2"}. */
  static RegistrarSettings settings(String overrides) {
    return RegistrarSettings.fromConfig(ConfigFactory.parseString("rserpool.registrar {" + overrides + "}")
        .withFallback(ConfigFactory.defaultReference()));
  }

  static Ipv4Address registrarHost(int index) {
    return Ipv4Address.of(10, 1, 0, index);
  }

  static TransportAddress asap(int index) {
    return new TransportAddress(registrarHost(index), 3863);
  }

  static TransportAddress enrp(int index) {
    return new TransportAddress(registrarHost(index), 9901);
  }

  /** Registrar {@code index} with the others' ENRP addresses as static peers. */
  static RegistrarIdentity identity(int index, int serverId, int... peers) {
    List<TransportAddress> peerAddresses = new ArrayList<>();
    for (int p : peers) peerAddresses.add(enrp(p));
    return new RegistrarIdentity("registrar-1-" + index, serverId, asap(index), enrp(index), peerAddresses);
  }

  ActorRef<Registrar.Command> start(RegistrarIdentity identity, RegistrarSettings settings) {
    ActorRef<Registrar.Command> ref = kit.spawn(Registrar.create(settings, identity, net.network(), metrics));
    // The registrar binds its addresses when it starts; wait for that before sending to it.
    summaries.awaitAssert(() -> {
      assertTrue(net.network().isBound(identity.enrpAddress()));
      return null;
    });
    registrars.add(ref);
    return ref;
  }

  /** A crash: the actor stops at once, its addresses go. */
  void crash(ActorRef<Registrar.Command> registrar, RegistrarIdentity identity) {
    registrars.remove(registrar);
    kit.stop(registrar, ASK);
    summaries.awaitAssert(() -> {
      assertFalse(net.network().isBound(identity.enrpAddress()));
      return null;
    });
  }

  /** Another actor (e.g. {@link FakePoolElements}) to wait for after each step. */
  void addBarrierActor(ActorRef<Object> actor) {
    others.add(actor);
  }

  RegistrarSummary summary(ActorRef<Registrar.Command> registrar) {
    registrar.tell(new Registrar.GetSummary(summaries.ref()));
    return summaries.expectMessageClass(RegistrarSummary.class, ASK);
  }

  /** Waits until every actor has handled everything sent to it so far (the test thread delivers, so order holds). */
  void barrier() {
    for (ActorRef<Registrar.Command> r : registrars) summary(r);
    for (ActorRef<Object> o : others) {
      o.tell(new FakePoolElements.Barrier(done.ref()));
      done.expectMessage(ASK, Done.getInstance());
    }
  }

  /** Moves manual time on by {@code total} in steps, with a barrier after each. */
  void advance(Duration total, Duration step) {
    for (long t = 0; t < total.toNanos(); t += step.toNanos()) {
      net.advance(step);
      barrier();
    }
  }

  /**
   * Moves time on in steps until the condition holds, at most {@code limit}; returns the emulated time
   * it took.
   */
  Duration advanceUntil(BooleanSupplier condition, Duration limit, Duration step) {
    long start = net.clock().nanos();
    while (!condition.getAsBoolean()) {
      if (net.clock().nanos() - start >= limit.toNanos()) throw new AssertionError("condition not met within " + limit + " of emulated time");
      net.advance(step);
      barrier();
    }
    return Duration.ofNanos(net.clock().nanos() - start);
  }

  @Override
  public void close() {
    for (ActorRef<Registrar.Command> r : List.copyOf(registrars)) kit.stop(r, ASK);
    for (ActorRef<Object> o : others) kit.stop(o, ASK);
    net.close();
  }
}
