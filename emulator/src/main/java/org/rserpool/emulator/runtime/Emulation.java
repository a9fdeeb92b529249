package org.rserpool.emulator.runtime;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rserpool.emulator.attacker.AttackerMetrics;
import org.rserpool.emulator.metrics.MetricsRegistry;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.NetworkSettings;
import org.rserpool.emulator.network.capture.PcapTap;
import org.rserpool.emulator.poolelement.PoolElementMetrics;
import org.rserpool.emulator.pooluser.PoolUserMetrics;
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
  private final ActorSystem<EmulationGuardian.Command> system;
  private volatile boolean closed;

  private Emulation(Scenario scenario, String nodeName) {
    this.scenario = scenario;
    this.deployment = Deployment.of(scenario);
    this.registry = MetricsRegistry.create(nodeName);
    this.clock = EmulationClock.scaled(scenario.timeScale());
    this.network = new Network(clock, scenario.network().model(scenario.seed()),
        NetworkSettings.fromConfig(scenario.config()).delayLine(), registry, scenario.seed());
    this.capture = openCapture(scenario.config().getString("rserpool.network.capture"), network);
    this.node = new NodeContext(network, new RegistrarMetrics(registry), new PoolElementMetrics(registry, clock), new PoolUserMetrics(registry),
        new AttackerMetrics(registry));
    this.system = ActorSystem.create(EmulationGuardian.create(deployment, node, scenario.start(), scenario.events()), "rserpool", scenario.config());
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
    return new Emulation(scenario, scenario.config().getString("rserpool.node"));
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

  public ActorSystem<EmulationGuardian.Command> system() {
    return system;
  }

  /** The components running now. */
  public CompletionStage<EmulationGuardian.Components> components(Duration timeout) {
    return AskPattern.ask(system, EmulationGuardian.GetComponents::new, timeout, system.scheduler());
  }

  /** Every component of the deployment with its state. */
  public CompletionStage<EmulationGuardian.ComponentList> listComponents(Duration timeout) {
    return AskPattern.ask(system, EmulationGuardian.ListComponents::new, timeout, system.scheduler());
  }

  /** Crashes, shuts down or restarts a component now (the control API the scenario's events also use). */
  public CompletionStage<EmulationGuardian.ControlReply> control(ComponentAction action, String component, Duration timeout) {
    return AskPattern.ask(system, replyTo -> new EmulationGuardian.Control(action, component, replyTo), timeout, system.scheduler());
  }

  /** Whether the scenario's duration (emulated) has passed; never for a scenario that runs until stopped. */
  public boolean finished() {
    return !scenario.runsUntilStopped() && clock.nanos() >= scenario.duration().toNanos();
  }

  public Statistics statistics() {
    RegistrarMetrics r = node.registrarMetrics();
    PoolElementMetrics pe = node.poolElementMetrics();
    PoolUserMetrics pu = node.poolUserMetrics();
    return new Statistics(
        clock.seconds(),
        r.registrars(), r.pools(), r.poolElements(),
        pe.running(), pe.registered(), pu.running(), node.attackerMetrics().running(),
        r.registrations(), r.deregistrations(), r.handleResolutions(),
        pu.jobsQueued(), pu.jobsStarted(), pu.jobsCompleted(), pu.jobSizeCompleted(), pu.goodput(),
        pu.queuingDelay().mean(TimeUnit.SECONDS),
        pu.startupDelay().mean(TimeUnit.SECONDS),
        pu.processingTime().mean(TimeUnit.SECONDS),
        pu.handlingTime().mean(TimeUnit.SECONDS),
        pu.handlingTime().totalTime(TimeUnit.SECONDS),
        pu.failoverTime().mean(TimeUnit.SECONDS),
        pu.serverSelections(), pu.accepts(), pu.rejects(), pu.failovers(), pu.unreachables(), pu.invariantViolations(),
        pe.usedCapacity(), pe.providedCapacity(),
        node.attackerMetrics().requestsSent(),
        network.delivered(), network.unroutable(), network.lost() + network.overflowed(), network.partitioned());
  }

  /** Stops every component and the actor system; waits up to {@code timeout}. */
  public void stop(Duration timeout) throws TimeoutException {
    if (closed) return;
    closed = true;
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
