package org.rserpool.emulator.runtime;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rserpool.emulator.attacker.AttackerMetrics;
import org.rserpool.emulator.metrics.ClusterMetrics;
import org.rserpool.emulator.metrics.MetricsRegistry;
import org.rserpool.emulator.serialization.KryoSerializer;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.NetworkSettings;
import org.rserpool.emulator.network.association.SctpSettings;
import org.rserpool.emulator.network.capture.PcapTap;
import org.rserpool.emulator.poolelement.PoolElementMetrics;
import org.rserpool.emulator.pooluser.PoolUserMetrics;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.registrar.RegistrarMetrics;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.time.EmulationClock;

/**
 * One running emulation on this node: the actor system, the emulated network and the statistics.
 * {@link #start} returns at once; the components come up at their scenario start times.
 */
public final class Emulation implements AutoCloseable {
  private final Scenario scenario;
  private final Deployment deployment;
  private final EmulationClock clock;
  private final PrometheusMeterRegistry registry;
  private final Network network;
  private final PcapTap capture;
  private final NodeContext node;
  private final ActorSystem<?> system;
  private final akka.actor.typed.ActorRef<EmulationGuardian.Command> guardian;
  /** Whether the actor system is this emulation's own (single node) or the cluster node's. */
  private final boolean ownsSystem;
  private volatile boolean closed;
  /** The statistics when the warm-up ended (null before, and without a warm-up). */
  private volatile Statistics warmUpEnd;
  /** The statistics when the duration was over (null before, and for runs until stopped). */
  private volatile Statistics atEnd;

  /**
   * The emulation of this node: a single-node one ({@code part} null: its own actor system, all
   * components) or one node's part of an emulation that spans a cluster.
   */
  private Emulation(Scenario scenario, PrometheusMeterRegistry registry, EmulationClock clock, Part part) {
    this.scenario = scenario;
    this.deployment = Deployment.of(scenario);
    this.registry = registry;
    this.clock = clock;
    this.network = new Network(clock, scenario.network().model(scenario.seed()),
        NetworkSettings.fromConfig(scenario.config()).delayLine(), registry, scenario.seed());
    network.setTransport(SctpSettings.fromConfig(scenario.config()));
    if (part != null) {
      network.setRouter(part.router());
      network.control().replicate(part.faultIdPrefix(), part.faults());
    }
    this.capture = openCapture(scenario.config().getString("rserpool.network.capture"), network);
    this.node = new NodeContext(network, new RegistrarMetrics(registry), new PoolElementMetrics(registry, clock), new PoolUserMetrics(registry),
        new AttackerMetrics(registry));
    this.ownsSystem = part == null;
    if (ownsSystem) {
      ActorSystem<EmulationGuardian.Command> own =
          ActorSystem.create(EmulationGuardian.create(deployment, node, scenario.start(), scenario.events()), "rserpool", scenario.config());
      this.system = own;
      this.guardian = own;
    } else {
      this.system = part.system();
      this.guardian = part.spawner().spawn(
          EmulationGuardian.create(deployment, node, scenario.start(), scenario.events(), part.hosted(), part.peers()));
    }
    network.setFanOut(system.executionContext());
    scheduleSnapshots();
    startPerComponentSeries();
  }

  /**
   * The {@code pool} label of the pool roles' meters ({@link MetricsRegistry#create(String, Map)}): a
   * node's pool elements, pool users and attackers each use their role's one pool handle. Every
   * registry an emulation's meters go to is made with it.
   */
  public static Map<String, String> poolLabels(Scenario scenario) {
    return Map.of(
        "rserpool.pool.element.", scenario.config().getString("rserpool.pool-element.pool-handle"),
        "rserpool.pool.user.", scenario.config().getString("rserpool.pool-user.pool-handle"),
        "rserpool.attacker.", scenario.config().getString("rserpool.attacker.pool-handle"));
  }

  /** {@code rserpool.metrics.per-component}: a running and an incarnation series per component (ComponentSeries). */
  private void startPerComponentSeries() {
    if (scenario.config().getBoolean("rserpool.metrics.per-component")) ComponentSeries.start(this, registry, Duration.ofSeconds(1));
  }

  /** How a cluster node spawns its part's guardian under its own actor. */
  @FunctionalInterface
  public interface GuardianSpawner {
    akka.actor.typed.ActorRef<EmulationGuardian.Command> spawn(akka.actor.typed.Behavior<EmulationGuardian.Command> guardian);
  }

  /** One node's part of an emulation that spans a cluster (see {@link #startPart}). */
  public record Part(PrometheusMeterRegistry registry, EmulationClock clock, java.util.Set<String> hosted,
      org.rserpool.emulator.network.NodeRouter router, String faultIdPrefix, org.rserpool.emulator.network.fault.NetworkControl.Replica faults,
      EmulationGuardian.ClusterPeers peers, ActorSystem<?> system, GuardianSpawner spawner) {}

  /**
   * Starts this node's part of an emulation that spans a cluster: the components it hosts, on a
   * network that hands packets for the others' to their nodes, on a clock that started at the
   * cluster's start instant. The cluster node owns the actor system and the meter registry.
   */
  public static Emulation startPart(Scenario scenario, Part part) {
    return new Emulation(scenario, part.registry(), part.clock(), part);
  }

  /** {@code emulator_kryo_messages_total{direction}}: messages this JVM wrote to or read from other nodes through Kryo. */
  public static void registerKryoCounters(MeterRegistry registry) {
    FunctionCounter.builder("emulator.kryo.messages", registry, r -> KryoSerializer.serialized()).tag("direction", "serialized")
        .description("Messages serialized with Kryo for other cluster nodes").register(registry);
    FunctionCounter.builder("emulator.kryo.messages", registry, r -> KryoSerializer.deserialized()).tag("direction", "deserialized")
        .description("Messages deserialized with Kryo from other cluster nodes").register(registry);
  }

  /**
   * Takes the statistics at the end of the warm-up (RSPSIM's statistics reset) and at the end of the
   * duration, on the scheduler, so the window does not depend on how often anybody looks.
   */
  private void scheduleSnapshots() {
    if (!scenario.warmUp().isZero()) {
      system.scheduler().scheduleOnce(fromNow(scenario.warmUp()), () -> warmUpEnd = statistics(), system.executionContext());
    }
    if (!scenario.runsUntilStopped()) {
      system.scheduler().scheduleOnce(fromNow(scenario.duration()), () -> atEnd = statistics(), system.executionContext());
    }
  }

  /** The real time from now until the emulated time {@code at} (the clock started before the actor system). */
  private Duration fromNow(Duration at) {
    return Duration.ofNanos(clock.toRealNanos(at.toNanos() - clock.nanos()));
  }

  /** Opens the capture file before anything starts, so a bad path stops nothing that ran. */
  private static PcapTap openCapture(String file, Network network) {
    if (file.isBlank()) return null;
    try {
      // Frame times: wall clock at emulated time zero, plus the emulated time of delivery.
      PcapTap tap = new PcapTap(Path.of(file), Instant.now().minusNanos(network.clock().nanos()));
      network.setTap(tap);
      return tap;
    } catch (IOException | InvalidPathException e) {
      network.close();
      throw new UncheckedIOException("cannot write the capture file " + file + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Starts the emulation of a scenario on this node.
   *
   * @throws UncheckedIOException when the capture file ({@code rserpool.network.capture}) cannot be written
   */
  public static Emulation start(Scenario scenario) {
    PrometheusMeterRegistry registry = MetricsRegistry.create(scenario.config().getString("rserpool.node"), poolLabels(scenario));
    ClusterMetrics.registerSingleNode(registry);
    registerKryoCounters(registry);
    return new Emulation(scenario, registry, EmulationClock.scaled(scenario.timeScale()), null);
  }

  public Scenario scenario() {
    return scenario;
  }

  public Deployment deployment() {
    return deployment;
  }

  public EmulationClock clock() {
    return clock;
  }

  /** This node's emulated network; {@code network().control()} injects faults while it runs. */
  public Network network() {
    return network;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The actor system the emulation runs in (a cluster node's, for a part of a cluster-wide one). */
  public ActorSystem<?> system() {
    return system;
  }

  /** The root actor of this node's components. */
  public akka.actor.typed.ActorRef<EmulationGuardian.Command> guardian() {
    return guardian;
  }

  /** The components running now. */
  public CompletionStage<EmulationGuardian.Components> components(Duration timeout) {
    return AskPattern.ask(guardian, EmulationGuardian.GetComponents::new, timeout, system.scheduler());
  }

  /** Every component of the deployment with its state. */
  public CompletionStage<EmulationGuardian.ComponentList> listComponents(Duration timeout) {
    return AskPattern.ask(guardian, EmulationGuardian.ListComponents::new, timeout, system.scheduler());
  }

  /** The components this node hosts with their state (all of them on a single node). */
  public CompletionStage<EmulationGuardian.ComponentList> listLocalComponents(Duration timeout) {
    return AskPattern.ask(guardian, EmulationGuardian.ListLocal::new, timeout, system.scheduler());
  }

  /** One component's state and, while it runs, its actor. */
  public CompletionStage<EmulationGuardian.Located> locate(String component, Duration timeout) {
    return AskPattern.ask(guardian, replyTo -> new EmulationGuardian.Locate(component, replyTo), timeout, system.scheduler());
  }

  /** Crashes, shuts down or restarts a component now (the control API the scenario's events also use). */
  public CompletionStage<EmulationGuardian.ControlReply> control(ComponentAction action, String component, Duration timeout) {
    return AskPattern.ask(guardian, replyTo -> new EmulationGuardian.Control(action, component, replyTo), timeout, system.scheduler());
  }

  /** Whether the scenario's duration (emulated) has passed; never for a scenario that runs until stopped. */
  public boolean finished() {
    return atEnd != null;
  }

  /** Whether the warm-up is still going (its statistics will not count). */
  public boolean warmingUp() {
    return !scenario.warmUp().isZero() && warmUpEnd == null;
  }

  /**
   * The statistics of the measurement window: from the end of the warm-up (or the start) to the end of
   * the duration (or now, while running or for runs until stopped).
   */
  public Statistics windowStatistics() {
    Statistics end = atEnd != null ? atEnd : statistics();
    Statistics start = warmUpEnd;
    return start == null ? end : end.minus(start);
  }

  /** The statistics since the emulation started (cumulative); {@link Statistics#minus} gives a window. */
  public Statistics statistics() {
    RegistrarMetrics r = node.registrarMetrics();
    PoolElementMetrics pe = node.poolElementMetrics();
    PoolUserMetrics pu = node.poolUserMetrics();
    return new Statistics(
        clock.seconds(), 0,
        r.registrars(), r.pools(), r.poolElements(),
        pe.running(), pe.registered(), pu.running(), node.attackerMetrics().running(), pu.queueLength(),
        r.registrations(), r.deregistrations(), r.handleResolutions(), r.refusedHandleResolutions(),
        r.endpointUnreachables(), r.refusedEndpointUnreachables(), r.keepAlivesSent(), r.keepAliveAcksReceived(),
        r.keepAliveTimeouts(), r.lifetimeExpiries(), r.handleUpdates(), r.requestedPresences(), r.peerListRequests(),
        r.handleTableRequests(), r.takeoversStarted(), r.takeoversByConsent(), r.takeoversByTimeout(),
        r.startupsWithMentor(), r.startupsAlone(),
        pu.jobsQueued(), pu.jobsStarted(), pu.jobsCompleted(), pu.jobSizeCompleted(), pu.goodput(),
        sample(pu.queuingDelay()), sample(pu.startupDelay()), sample(pu.processingTime()), sample(pu.handlingTime()),
        sample(pu.goodputTime()), sample(pu.failoverTime()),
        pu.serverSelections(), pu.requests(), pu.cookieEchoes(), pu.accepts(), pu.rejects(), pu.failovers(),
        pu.unreachables(), pu.invariantViolations(),
        pe.usedCapacity(), pe.providedCapacity(),
        node.attackerMetrics().requestsSent(),
        network.sent(PayloadProtocol.ASAP), network.sent(PayloadProtocol.ENRP), network.sent(PayloadProtocol.CALCAPP),
        network.delivered(), network.unroutable(), network.lost() + network.overflowed(), network.partitioned(),
        network.retransmissions(), network.associationsLost(), r.associationLosses());
  }

  private static Statistics.Sample sample(Timer timer) {
    return new Statistics.Sample(timer.count(), timer.totalTime(TimeUnit.SECONDS));
  }

  /** Stops every component and the actor system; waits up to {@code timeout}. */
  public void stop(Duration timeout) throws TimeoutException {
    if (closed) return;
    closed = true;
    if (!ownsSystem) {
      // A cluster node's part: the node stops the guardian (and with it the components) and its system.
      network.close();
      closeCapture();
      return;
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("actor system failed while terminating", e.getCause());
    } finally {
      network.close();
      closeCapture();
    }
  }

  /** The packet capture, if this emulation writes one. */
  public Optional<PcapTap> capture() {
    return Optional.ofNullable(capture);
  }

  private void closeCapture() {
    if (capture == null) return;
    network.setTap(null);
    try {
      capture.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the capture file " + capture.file(), e);
    }
  }

  @Override
  public void close() throws TimeoutException {
    stop(Duration.ofSeconds(30));
  }
}
