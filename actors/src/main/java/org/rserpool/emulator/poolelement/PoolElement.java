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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.serialization.ClusterSerializable;
import org.rserpool.emulator.time.EmulationClock;

/**
 * A pool element (PE): registers its CalcApp service with a registrar and re-registers periodically
 * (ASAP, RFC 5352 §3.1), and serves CalcApp jobs by processor sharing (RSPSIM's CalcApp server).
 */
public final class PoolElement extends AbstractBehavior<PoolElement.Command> {

  public sealed interface Command extends ClusterSerializable
      permits Received, GetStatus, RegistrationTimeout, Reregister, JobsDue {}

  /** A packet from the network. */
  public record Received(Packet packet) implements Command {}

  /** Asks for the pool element's {@link Status}. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /**
   * A pool element's state as its owner sees it.
   *
   * @param registrar the registrar it registers with (its home registrar once registered)
   */
  public record Status(
      int identifier, boolean registered, TransportAddress registrar, int jobsInService, long jobsCompleted)
      implements ClusterSerializable {}

  /** T2 (RFC 5352 §7.1): no REGISTRATION_RESPONSE in time; try another registrar. */
  record RegistrationTimeout() implements Command {}

  /** T4: time to re-register. */
  record Reregister() implements Command {}

  /** The processor-sharing server's next job completion is due. */
  record JobsDue() implements Command {}

  /** Who a job in service belongs to: the pool user's address and its job ID. */
  private record Session(TransportAddress user, int jobId) {}

  private static final String REGISTRATION_TIMER = "registration";
  private static final String COMPLETION_TIMER = "completion";

  private final PoolElementSettings settings;
  private final int identifier;
  private final List<TransportAddress> registrars;
  private final TransportAddress asapAddress;
  private final TransportAddress serviceAddress;
  private final Endpoint endpoint;
  private final EmulationClock clock;
  private final TimerScheduler<Command> timers;
  private final PoolElementMetrics metrics;
  private final SplittableRandom random;
  private final ProcessorSharingServer server;
  private final Map<Integer, Session> sessions = new HashMap<>();
  private TransportAddress registrar;
  private boolean registered;
  private int nextSession = 1;
  private long jobsCompleted;
  private double reportedCalculations;

  /**
   * @param registrars the static registrar list (RSPSIM's staticRegistrarsList): ASAP addresses of registrars
   * @param address the pool element's IPv4 address; its ports come from the settings
   */
  public static Behavior<Command> create(
      PoolElementSettings settings,
      List<TransportAddress> registrars,
      TransportAddress address,
      Network network,
      PoolElementMetrics metrics,
      long seed) {
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
    if (registrars.isEmpty()) throw new IllegalArgumentException("a pool element needs at least one registrar");
    this.settings = settings;
    this.timers = timers;
    this.registrars = List.copyOf(registrars);
    this.metrics = metrics;
    this.random = new SplittableRandom(seed);
    // rsplib: 1 + random32() % 0xfffffffe, so never 0 (undefined) nor 0xffffffff.
    this.identifier = (int) (1 + random.nextLong(0xfffffffeL));
    this.asapAddress = address.withPort(settings.asapPort());
    this.serviceAddress = address.withPort(settings.servicePort());
    this.clock = network.clock();
    this.server = new ProcessorSharingServer(settings.capacity(), clock.nanos());
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new)).bind(asapAddress).bind(serviceAddress);
    metrics.started();
    registrar = pickRegistrar();
    sendRegistration();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(RegistrationTimeout.class, t -> onRegistrationTimeout())
        .onMessage(Reregister.class, t -> onReregister())
        .onMessage(JobsDue.class, t -> onJobsDue())
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private TransportAddress pickRegistrar() {
    return registrars.get(random.nextInt(registrars.size()));
  }

  private PoolElementParameter parameter() {
    return new PoolElementParameter(
        identifier,
        0,
        (int) settings.registrationLife().toMillis(),
        SctpTransport.of(serviceAddress.address(), serviceAddress.port(), TransportUse.DATA_ONLY),
        // RSPSIM: load = jobs / MaxJobs for adaptive policies (0 at the first registration).
        settings.policyValues().policy(server.jobCount(), settings.maxJobs()),
        null);
  }

  private void sendRegistration() {
    endpoint.send(asapAddress, registrar, new AsapMessage.Registration(settings.poolHandle(), parameter()));
    metrics.registrationSent();
    timers.startSingleTimer(REGISTRATION_TIMER, new RegistrationTimeout(), clock.toReal(settings.registrationTimeout()));
  }

  private Behavior<Command> onGetStatus(GetStatus request) {
    request.replyTo().tell(new Status(identifier, registered, registrar, server.jobCount(), jobsCompleted));
    return this;
  }

  private Behavior<Command> onRegistrationTimeout() {
    // rsplib aborts the association on a response timeout and hunts for a registrar again.
    TransportAddress previous = registrar;
    registrar = pickRegistrar();
    getContext().getLog().debug("PE {}: no registration response from {}; trying {}", Identifiers.hex(identifier), previous, registrar);
    sendRegistration();
    return this;
  }

  private Behavior<Command> onReregister() {
    sendRegistration();
    return this;
  }

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    if (packet.message() instanceof AsapMessage.RegistrationResponse r) {
      onRegistrationResponse(packet, r);
    } else if (packet.message() instanceof AsapMessage.EndpointKeepAlive k) {
      onEndpointKeepAlive(packet, k);
    } else if (packet.message() instanceof CalcAppMessage.Request r) {
      onRequest(packet, r);
    } else {
      getContext().getLog().debug("PE {} ignores {} from {}", Identifiers.hex(identifier), packet.message(), packet.source());
    }
    return this;
  }

  /**
   * RFC 5352 §2.2.7/§3.5: always answer a registrar's keep-alive; with the H bit the sender wants to
   * become the home registrar (a takeover), so it is adopted for the following re-registrations. rsplib
   * adds the PE identifier; a keep-alive for another pool element of the same host is not ours to ack.
   */
  private void onEndpointKeepAlive(Packet packet, AsapMessage.EndpointKeepAlive k) {
    if (!k.poolHandle().equals(settings.poolHandle())) return;
    if (k.peIdentifier() != null && k.peIdentifier().value() != identifier) return;
    if (k.home() && !packet.source().equals(registrar)) {
      getContext().getLog().debug("PE {}: home registrar {} -> {}", Identifiers.hex(identifier), registrar, packet.source());
      registrar = packet.source();
    }
    endpoint.send(asapAddress, packet.source(), new AsapMessage.EndpointKeepAliveAck(settings.poolHandle(), identifier));
  }

  private void onRegistrationResponse(Packet packet, AsapMessage.RegistrationResponse r) {
    if (r.peIdentifier() != identifier || !packet.source().equals(registrar)) return;
    timers.cancel(REGISTRATION_TIMER);
    if (r.reject()) {
      getContext().getLog().warn("PE {}: registration refused by {}: {}", Identifiers.hex(identifier), packet.source(),
          r.error() == null ? CauseCode.describe(CauseCode.UNSPECIFIED_ERROR) : r.error().causes());
      setRegistered(false);
      // Try again after one timeout, possibly at another registrar, instead of RSPSIM's immediate loop.
      timers.startSingleTimer(REGISTRATION_TIMER, new RegistrationTimeout(), clock.toReal(settings.registrationTimeout()));
      return;
    }
    setRegistered(true);
    timers.startSingleTimer(new Reregister(), clock.toReal(settings.reregistrationInterval()));
  }

  private void setRegistered(boolean value) {
    if (registered != value) metrics.registeredChanged(value);
    registered = value;
  }

  private void onRequest(Packet packet, CalcAppMessage.Request request) {
    if (server.jobCount() >= settings.maxJobs()) {
      metrics.jobRejected();
      endpoint.reply(packet, new CalcAppMessage.Reject(request.jobId()));
      return;
    }
    int session = nextSession++;
    sessions.put(session, new Session(packet.source(), request.jobId()));
    server.add(session, request.jobSize(), 0, clock.nanos());
    metrics.jobAccepted();
    endpoint.reply(packet, new CalcAppMessage.Accept(request.jobId(), request.jobSize()));
    rescheduleCompletion();
  }

  private Behavior<Command> onJobsDue() {
    for (ProcessorSharingServer.Job job : server.takeCompleted(clock.nanos())) {
      Session s = sessions.remove(job.id());
      metrics.jobCompleted();
      jobsCompleted++;
      endpoint.send(serviceAddress, s.user(), new CalcAppMessage.Complete(s.jobId(), (long) job.size(), (long) job.size()));
    }
    rescheduleCompletion();
    return this;
  }

  private void rescheduleCompletion() {
    long now = clock.nanos();
    long due = server.nextCompletionNanos(now);
    metrics.calculations(server.usedCalculations() - reportedCalculations);
    reportedCalculations = server.usedCalculations();
    if (due < 0) {
      timers.cancel(COMPLETION_TIMER);
    } else {
      timers.startSingleTimer(COMPLETION_TIMER, new JobsDue(), Duration.ofNanos(clock.toRealNanos(due - now)));
    }
  }

  private Behavior<Command> onStop() {
    server.advance(clock.nanos());
    metrics.calculations(server.usedCalculations() - reportedCalculations);
    metrics.stopped(registered, server.jobCount());
    endpoint.close();
    return this;
  }
}
