package org.rserpool.emulator.pooluser;

import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.serialization.ClusterSerializable;
import org.rserpool.emulator.time.EmulationClock;

/**
 * A pool user (PU) running RSPSIM's CalcApp queuing client: jobs arrive as a Poisson process into a
 * local FIFO queue; one job at a time is served by resolving the pool handle at a registrar (ASAP) and
 * handing the job to the selected pool element (CalcApp).
 */
public final class PoolUser extends AbstractBehavior<PoolUser.Command> {

  public sealed interface Command extends ClusterSerializable
      permits Received, GenerateJob, HandleResolutionTimeout, JobRequestTimeout, RetrySelection {}

  /** A packet from the network. */
  public record Received(Packet packet) implements Command {}

  /** The job generator fires. */
  record GenerateJob() implements Command {}

  /** T1 (RFC 5352 §7.1): no HANDLE_RESOLUTION_RESPONSE in time. */
  record HandleResolutionTimeout() implements Command {}

  /** The selected pool element neither accepted nor rejected the job in time. */
  record JobRequestTimeout() implements Command {}

  /** Select a pool element again (after a reject or an empty resolution). */
  record RetrySelection() implements Command {}

  /** RSPSIM's job bookkeeping (calcappqueuingclientprocess.cc); times are emulated nanoseconds. */
  private static final class Job {
    final int id;
    final long size;
    final long queuedAt;
    long startedAt;
    long acceptedAt = -1;
    TransportAddress poolElement;

    Job(int id, long size, long queuedAt) {
      this.id = id;
      this.size = size;
      this.queuedAt = queuedAt;
    }
  }

  private static final String SELECTION_TIMER = "selection";
  private static final String REQUEST_TIMER = "request";

  private final PoolUserSettings settings;
  private final List<TransportAddress> registrars;
  private final TransportAddress asapAddress;
  private final TransportAddress serviceAddress;
  private final Endpoint endpoint;
  private final EmulationClock clock;
  private final TimerScheduler<Command> timers;
  private final PoolUserMetrics metrics;
  private final SplittableRandom random;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private TransportAddress registrar;
  private Job current;
  private boolean awaitingResolution;
  private int nextJobId = 1;

  public static Behavior<Command> create(
      PoolUserSettings settings,
      List<TransportAddress> registrars,
      TransportAddress address,
      Network network,
      PoolUserMetrics metrics,
      long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new PoolUser(ctx, timers, settings, registrars, address, network, metrics, seed)));
  }

  private PoolUser(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      PoolUserSettings settings,
      List<TransportAddress> registrars,
      TransportAddress address,
      Network network,
      PoolUserMetrics metrics,
      long seed) {
    super(ctx);
    if (registrars.isEmpty()) throw new IllegalArgumentException("a pool user needs at least one registrar");
    this.settings = settings;
    this.timers = timers;
    this.registrars = List.copyOf(registrars);
    this.metrics = metrics;
    this.random = new SplittableRandom(seed);
    this.clock = network.clock();
    this.asapAddress = address.withPort(settings.asapPort());
    this.serviceAddress = address.withPort(settings.servicePort());
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new)).bind(asapAddress).bind(serviceAddress);
    this.registrar = registrars.get(random.nextInt(registrars.size()));
    metrics.started();
    // RSPSIM: the first job is generated one interval after the start.
    scheduleNextJob();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(GenerateJob.class, g -> onGenerateJob())
        .onMessage(HandleResolutionTimeout.class, t -> onHandleResolutionTimeout())
        .onMessage(JobRequestTimeout.class, t -> onJobRequestTimeout())
        .onMessage(RetrySelection.class, r -> onRetrySelection())
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private double exponential(double mean) {
    return -mean * Math.log(1.0 - random.nextDouble());
  }

  private void scheduleNextJob() {
    long nanos = (long) exponential(settings.jobInterval().toNanos());
    timers.startSingleTimer(new GenerateJob(), Duration.ofNanos(clock.toRealNanos(nanos)));
  }

  private Behavior<Command> onGenerateJob() {
    long size = Math.max(1, Math.round(exponential(settings.jobSize())));
    queue.add(new Job(nextJobId++, size, clock.nanos()));
    metrics.jobQueued();
    scheduleNextJob();
    if (current == null) startNextJob();
    return this;
  }

  private void startNextJob() {
    current = queue.poll();
    if (current == null) return;
    current.startedAt = clock.nanos();
    metrics.jobStarted(current.startedAt - current.queuedAt);
    selectPoolElement();
  }

  private void selectPoolElement() {
    metrics.serverSelection();
    awaitingResolution = true;
    endpoint.send(asapAddress, registrar, new AsapMessage.HandleResolution(false, settings.poolHandle(), null));
    timers.startSingleTimer(SELECTION_TIMER, new HandleResolutionTimeout(), clock.toReal(settings.handleResolutionTimeout()));
  }

  private Behavior<Command> onHandleResolutionTimeout() {
    if (!awaitingResolution) return this;
    // rsplib: a response timeout aborts the association; the next request hunts for a registrar.
    registrar = registrars.get(random.nextInt(registrars.size()));
    selectPoolElement();
    return this;
  }

  private Behavior<Command> onRetrySelection() {
    if (current != null && current.poolElement == null && !awaitingResolution) selectPoolElement();
    return this;
  }

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    if (packet.message() instanceof AsapMessage.HandleResolutionResponse r) {
      onHandleResolutionResponse(r);
    } else if (packet.message() instanceof CalcAppMessage m) {
      onCalcApp(packet, m);
    } else {
      getContext().getLog().debug("PU ignores {} from {}", packet.message(), packet.source());
    }
    return this;
  }

  private void onHandleResolutionResponse(AsapMessage.HandleResolutionResponse r) {
    if (!awaitingResolution || current == null || !r.poolHandle().equals(settings.poolHandle())) return;
    awaitingResolution = false;
    timers.cancel(SELECTION_TIMER);
    TransportAddress target = r.poolElements().isEmpty() ? null : userAddress(r.poolElements().get(0));
    if (target == null) {
      timers.startSingleTimer(new RetrySelection(), clock.toReal(settings.handleResolutionRetryDelay()));
      return;
    }
    current.poolElement = target;
    metrics.request();
    endpoint.send(serviceAddress, target, new CalcAppMessage.Request(current.id, current.size));
    timers.startSingleTimer(REQUEST_TIMER, new JobRequestTimeout(), clock.toReal(settings.jobRequestTimeout()));
  }

  /** Where the pool element serves users: the first IPv4 address of its SCTP user transport. */
  private static TransportAddress userAddress(PoolElementParameter pe) {
    if (pe.userTransport() instanceof SctpTransport sctp) {
      for (AddressParameter a : sctp.addresses()) {
        if (a instanceof Ipv4Address v4) return new TransportAddress(v4, sctp.port());
      }
    }
    return null;
  }

  private void onCalcApp(Packet packet, CalcAppMessage m) {
    // RSPSIM ignores CalcApp messages from anyone but the current pool element, or for another job.
    if (current == null || current.poolElement == null || !packet.source().equals(current.poolElement) || m.jobId() != current.id) {
      return;
    }
    long now = clock.nanos();
    if (m instanceof CalcAppMessage.Accept) {
      timers.cancel(REQUEST_TIMER);
      if (current.acceptedAt < 0) {
        current.acceptedAt = now;
        metrics.jobAccepted(now - current.startedAt);
      }
    } else if (m instanceof CalcAppMessage.Reject) {
      timers.cancel(REQUEST_TIMER);
      metrics.reject();
      current.poolElement = null;
      long delay = (long) (random.nextDouble() * settings.jobRetryDelayMax().toNanos());
      timers.startSingleTimer(new RetrySelection(), Duration.ofNanos(clock.toRealNanos(delay)));
    } else if (m instanceof CalcAppMessage.Complete) {
      timers.cancel(REQUEST_TIMER);
      long accepted = current.acceptedAt < 0 ? now : current.acceptedAt;
      metrics.jobCompleted(current.size, now - accepted, now - current.queuedAt);
      current = null;
      startNextJob();
    }
  }

  private Behavior<Command> onJobRequestTimeout() {
    if (current == null || current.poolElement == null || current.acceptedAt >= 0) return this;
    metrics.requestTimeout();
    current.poolElement = null;
    selectPoolElement();
    return this;
  }

  private Behavior<Command> onStop() {
    metrics.stopped(queue.size());
    endpoint.close();
    return this;
  }
}
