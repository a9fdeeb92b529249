package org.rserpool.emulator.poolelement;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.rserpool.emulator.asapclient.RegistrarTable;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.serialization.ClusterSerializable;
import org.rserpool.emulator.time.EmulationClock;
import org.rserpool.emulator.time.PreciseTimer;

/**
 * A pool element (PE): RSPSIM's CalcApp pool element (calcappserverprocess.cc with
 * poolelementasapprocess.cc), one actor with two parts: its ASAP side ({@link AsapRegistration}:
 * server hunt, registration, keep-alive acks, deregistration) and its CalcApp server
 * ({@link CalcAppService}: processor sharing, cookies, session keep-alives).
 *
 * <p>Life cycle. It is up from its start. A {@link Shutdown} (or, with failures configured, the end of
 * its drawn uptime and a clean-shutdown draw) shuts it down cleanly: a last cookie and CALCAPP_ABORT
 * for every job, DEREGISTRATION, and it stops once the registrar answers. A crash (the guardian stops
 * it, or its own failure draw says crash) is silence: it stops at once and its jobs vanish. A restart
 * is a new actor with a new seed, so a new identifier (RSPSIM draws servicePoolElementIdentifier anew).
 * Up-time ends when the shutdown begins (RSPSIM accounts ServiceUptime in RUN_SERVICE only).
 */
public final class PoolElement extends AbstractBehavior<PoolElement.Command> {

  public sealed interface Command extends ClusterSerializable
      permits Received, AssociationLost, GetStatus, Shutdown, RegistrationTimeout, Reregister, HuntRetry, ServiceDue, UptimeOver {}

  /** A packet from the network. */
  public record Received(Packet packet) implements Command {}

  /** An association of the pool element's ASAP endpoint is gone (SCTP COMM_LOST, adapted from the network). */
  public record AssociationLost(AssociationEvent event) implements Command {}

  /** Asks for the pool element's {@link Status}. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Shut down cleanly: cookies and CALCAPP_ABORT to every job's user, DEREGISTRATION, then stop. */
  public record Shutdown() implements Command {}

  /**
   * A pool element's state as its owner sees it.
   *
   * @param registrar the registrar it registers with (its home registrar once registered), or {@code null}
   * @param usedCalculations calculations performed (RSPSIM Total Used Capacity)
   * @param uptimeSeconds emulated seconds up (RSPSIM Service Uptime)
   */
  public record Status(
      int identifier,
      boolean registered,
      TransportAddress registrar,
      int jobsInService,
      long jobsAccepted,
      long jobsRejected,
      long jobsCompleted,
      double usedCalculations,
      double uptimeSeconds)
      implements ClusterSerializable {

    /** RSPSIM's CalcAppPE Utilization: used / (uptime × capacity). */
    public double utilization(double capacity) {
      return uptimeSeconds > 0 ? usedCalculations / (uptimeSeconds * capacity) : 0;
    }
  }

  /** T2/T3 (RFC 5352 §7.1): no (de)registration response in time. */
  record RegistrationTimeout() implements Command {}

  /** T4: time to re-register. */
  record Reregister() implements Command {}

  /** Look for a registrar again (after a refusal, or while none is known). */
  record HuntRetry() implements Command {}

  /**
   * The CalcApp server has something due (a completion, keep-alive, timeout or cookie). On the precise
   * timers: a completion handled late by Akka's tick would reach the user late by as much, times the
   * time-scale, and lengthen every processing time.
   */
  record ServiceDue(long generation) implements Command {}

  /** The drawn uptime is over: fail (RSPSIM componentUptime). */
  record UptimeOver() implements Command {}

  static final String REGISTRATION_TIMER = "registration";
  static final String REREGISTRATION_TIMER = "reregistration";
  static final String HUNT_TIMER = "hunt";
  private static final String UPTIME_TIMER = "uptime";

  private final PoolElementSettings settings;
  private final int identifier;
  private final TransportAddress asapAddress;
  private final TransportAddress serviceAddress;
  private final Endpoint endpoint;
  private final EmulationClock clock;
  private final TimerScheduler<Command> timers;
  private final PreciseTimer<Command> serviceTimer;
  private final PoolElementMetrics metrics;
  private final SplittableRandom random;
  private final AsapRegistration registration;
  private final CalcAppService service;
  private final long startNanos;
  private long downNanos = -1;
  private int reportedJobs;
  private double reportedLoad;
  private boolean stopNow;

  /**
   * @param registrars the static registrar list (RSPSIM's staticRegistrarsList): ASAP addresses of
   *     registrars; may be empty when registrars are learnt from announces
   * @param address the pool element's IPv4 address; its ports come from the settings
   * @param seed the source of its identifier and every random choice of this incarnation
   */
  public static Behavior<Command> create(
      PoolElementSettings settings,
      List<TransportAddress> registrars,
      TransportAddress address,
      Network network,
      PoolElementMetrics metrics,
      long seed) {
    if (registrars.isEmpty() && !settings.asapClient().useAnnounces()) {
      throw new IllegalArgumentException("a pool element needs a registrar: a static one, or announces (rserpool.asap-client.use-announces)");
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new PoolElement(ctx, timers, settings, registrars, address, network, metrics, seed)));
  }

  private PoolElement(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      PoolElementSettings settings,
      List<TransportAddress> registrars,
      TransportAddress address,
      Network network,
      PoolElementMetrics metrics,
      long seed) {
    super(ctx);
    this.settings = settings;
    this.timers = timers;
    this.metrics = metrics;
    this.random = new SplittableRandom(seed);
    // rsplib and RSPSIM: 1 + random32() % 0xfffffffe, so never 0 (undefined) nor 0xffffffff.
    this.identifier = (int) (1 + random.nextLong(0xfffffffeL));
    this.asapAddress = address.withPort(settings.asapPort());
    this.serviceAddress = address.withPort(settings.servicePort());
    this.clock = network.clock();
    this.serviceTimer = new PreciseTimer<>(network.timers(), ctx.getSelf(), ServiceDue::new);
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new)).bind(asapAddress).bind(serviceAddress)
        .watchAssociations(ctx.messageAdapter(AssociationEvent.class, AssociationLost::new));
    if (settings.asapClient().useAnnounces()) endpoint.join(settings.asapClient().announceGroup(), asapAddress);
    this.startNanos = clock.nanos();
    metrics.up(settings.capacity(), startNanos);
    this.service = new CalcAppService(settings.service(), new CalcAppService.Events() {
      @Override
      public void send(TransportAddress to, Message message) {
        endpoint.send(serviceAddress, to, message);
      }

      @Override
      public void jobSetChanged(int jobs) {
        onJobSetChanged(jobs);
      }
    }, metrics, random, startNanos);
    RegistrarTable table = settings.asapClient().table(registrars);
    this.registration = new AsapRegistration(settings, table, endpoint, asapAddress, timers, clock, random, metrics,
        ctx.getLog(), identifier, new AsapRegistration.Host() {
          @Override
          public PoolElementParameter parameter() {
            return PoolElement.this.parameter();
          }

          @Override
          public void firstRegistration() {
            startUptime();
          }

          @Override
          public void deregistered() {
            stopNow = true;
          }
        });
    registration.start();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(AssociationLost.class, m -> after(() -> registration.onAssociationLost(m.event().peer(), m.event().cause())))
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Shutdown.class, s -> shutdown(true))
        .onMessage(RegistrationTimeout.class, t -> after(registration::onTimeout))
        .onMessage(Reregister.class, t -> after(registration::onReregister))
        .onMessage(HuntRetry.class, t -> after(registration::onHuntRetry))
        .onMessage(ServiceDue.class, t -> serviceTimer.fired(t.generation()) ? after(() -> {}) : this)
        .onMessage(UptimeOver.class, t -> onUptimeOver())
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  /** Runs {@code step}, then whatever the CalcApp server has due, and stops if a step asked for it. */
  private Behavior<Command> after(Runnable step) {
    step.run();
    long now = clock.nanos();
    if (downNanos < 0) {
      service.serve(now);
      long due = service.nextDueNanos(now);
      if (due < 0) {
        serviceTimer.cancel();
      } else {
        serviceTimer.startAt(due);
      }
    }
    return stopNow ? Behaviors.stopped() : this;
  }

  private PoolElementParameter parameter() {
    return new PoolElementParameter(
        identifier,
        0,
        (int) settings.registrationLife().toMillis(),
        SctpTransport.of(serviceAddress.address(), serviceAddress.port(), TransportUse.DATA_ONLY),
        // RSPSIM: load = jobs / MaxJobs for adaptive policies (0 at the first registration).
        settings.policyValues().policy(reportedJobs, settings.maxJobs()),
        null);
  }

  /**
   * RSPSIM scheduleJobs: with an adaptive policy, a load change beyond the update threshold is
   * reported by re-registering, at once or with the next periodic re-registration
   * (selectionReregisterImmediatelyOnUpdate); not while shutting down.
   */
  private void onJobSetChanged(int jobs) {
    if (downNanos >= 0 || !settings.policy().adaptive()) {
      reportedJobs = jobs;
      return;
    }
    double load = (double) jobs / settings.maxJobs();
    if (Math.abs(load - reportedLoad) > settings.policyUpdateThreshold() && jobs != reportedJobs) {
      reportedJobs = jobs;
      reportedLoad = load;
      metrics.policyUpdate();
      registration.policyChanged(settings.reregisterOnLoadChange());
    }
  }

  private Behavior<Command> onGetStatus(GetStatus request) {
    long now = downNanos >= 0 ? downNanos : clock.nanos();
    request.replyTo().tell(new Status(identifier, registration.registered(), registration.registrar(), service.jobCount(),
        service.jobsAccepted(), service.jobsRejected(), service.jobsCompleted(), service.usedCalculations(now), (now - startNanos) / 1e9));
    return this;
  }

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    Message m = packet.message();
    return after(() -> {
      if (m instanceof AsapMessage.RegistrationResponse r) {
        registration.onRegistrationResponse(packet, r);
      } else if (m instanceof AsapMessage.DeregistrationResponse r) {
        registration.onDeregistrationResponse(packet, r);
      } else if (m instanceof AsapMessage.EndpointKeepAlive k) {
        registration.onEndpointKeepAlive(packet, k);
      } else if (m instanceof AsapMessage.ServerAnnounce a) {
        registration.onAnnounce(RegistrarTable.announcedAddress(packet, a));
      } else if (packet.receiver().equals(serviceAddress)) {
        receiveService(packet);
      } else {
        getContext().getLog().debug("PE {} ignores {} from {}", Identifiers.hex(identifier), m, packet.source());
      }
    });
  }

  private void receiveService(Packet packet) {
    try {
      if (!service.receive(packet.source(), packet.message(), clock.nanos())) {
        getContext().getLog().debug("PE {} ignores {} from {}", Identifiers.hex(identifier), packet.message(), packet.source());
      }
    } catch (IllegalArgumentException e) {
      // A cookie echo whose cookie is not a CalcApp cookie: nothing to resume; the user times out.
      getContext().getLog().warn("PE {}: unusable {} from {}: {}", Identifiers.hex(identifier), packet.message(), packet.source(), e.getMessage());
    }
  }

  private void startUptime() {
    PoolElementSettings.Lifecycle life = settings.lifecycle();
    if (!life.fails()) return;
    long uptime = life.uptime().drawLong(random, 0);
    timers.startSingleTimer(UPTIME_TIMER, new UptimeOver(), Duration.ofNanos(clock.toRealNanos(uptime)));
  }

  /** RSPSIM shutdownService: clean with componentCleanShutdownProbability (uniform ≤ p), else a crash. */
  private Behavior<Command> onUptimeOver() {
    boolean clean = random.nextDouble() <= settings.lifecycle().cleanShutdownProbability()
        && settings.lifecycle().cleanShutdownProbability() > 0;
    getContext().getLog().debug("PE {}: uptime over, {}", Identifiers.hex(identifier), clean ? "clean shutdown" : "crash");
    return shutdown(clean);
  }

  private Behavior<Command> shutdown(boolean clean) {
    if (downNanos >= 0) return this;
    long now = clock.nanos();
    serviceTimer.cancel();
    timers.cancel(UPTIME_TIMER);
    if (!clean) return Behaviors.stopped();
    service.shutdown(true, now);
    goDown(now);
    return after(registration::deregister);
  }

  private void goDown(long now) {
    downNanos = now;
    metrics.down(settings.capacity(), now, false);
  }

  private Behavior<Command> onStop() {
    serviceTimer.cancel();
    long now = clock.nanos();
    boolean wasRegistered = registration.reset();
    if (downNanos < 0) {
      service.shutdown(false, now);
      downNanos = now;
      metrics.down(settings.capacity(), now, wasRegistered);
    } else if (wasRegistered) {
      metrics.registeredChanged(false);
    }
    endpoint.close();
    return this;
  }
}
