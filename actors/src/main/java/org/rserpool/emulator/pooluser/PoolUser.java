package org.rserpool.emulator.pooluser;

import akka.actor.typed.ActorRef;
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
import org.rserpool.emulator.asapclient.RegistrarTable;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppCookie;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.serialization.ClusterSerializable;
import org.rserpool.emulator.time.EmulationClock;
import org.rserpool.emulator.time.PreciseTimer;

/**
 * A pool user (PU) running RSPSIM's CalcApp queuing client (calcappqueuingclientprocess.cc;
 * rspsim-model.md §1.6). Jobs are generated independently of their service, every job interval, into a
 * local FIFO queue; one job at a time is served: select a pool element ({@link HandleResolver}), send
 * it CALCAPP_REQUEST, or ASAP_COOKIE_ECHO with the job's last cookie after a failover, and keep the
 * session alive until CALCAPP_COMPLETE.
 *
 * <ul>
 *   <li>No answer to the request within job-request-timeout: ENDPOINT_UNREACHABLE, select again at once.
 *   <li>CALCAPP_REJECT: drop the pool element from the cache, select again after U(0, job-retry-delay-max).
 *   <li>In service, a CALCAPP_KEEP_ALIVE every session-keep-alive-interval; no ack within
 *       session-keep-alive-timeout: the pool element is dead, a failover with ENDPOINT_UNREACHABLE, and the
 *       job resumes elsewhere from its last cookie (the work since that cookie is lost).
 *   <li>CALCAPP_ABORT (a clean shutdown, which sent a cookie first, or the server's session timeout): a
 *       failover without a report.
 *   <li>Failover never gives up; the pool element's own keep-alives are acked. CalcApp messages and
 *       cookies from anyone but the pool element serving the current job, or for another job, are ignored.
 * </ul>
 */
public final class PoolUser extends AbstractBehavior<PoolUser.Command> {

  public sealed interface Command extends ClusterSerializable
      permits Received, AssociationLost, GetStatus, GenerateJob, HandleResolutionTimeout, HuntRetry, SelectionRetry, JobRetry, JobRequestTimeout,
          KeepAliveDue, KeepAliveTimeout {}

  /** A packet from the network. */
  public record Received(Packet packet) implements Command {}

  /** An association of the pool user's ASAP endpoint is gone (SCTP COMM_LOST, adapted from the network). */
  public record AssociationLost(AssociationEvent event) implements Command {}

  /** Asks for the pool user's {@link Status}. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /**
   * A pool user's counts as its owner sees them.
   *
   * @param lastCompleted the account of the job completed last, or {@code null}
   * @param registrar the registrar it sends handle resolutions to now, or {@code null} while it hunts for one
   */
  public record Status(
      long jobsQueued,
      long jobsStarted,
      long jobsCompleted,
      int queueLength,
      long handleResolutions,
      long cacheHits,
      long failovers,
      long unreachables,
      long rejects,
      long invariantViolations,
      CompletedJob lastCompleted,
      TransportAddress registrar)
      implements ClusterSerializable {}

  /** One completed job's account (RSPSIM's per-job values; times in emulated nanoseconds). */
  public record CompletedJob(
      int id,
      long size,
      long queuingNanos,
      long startupNanos,
      long processingNanos,
      long handlingNanos,
      long goodputNanos,
      long failoverNanos,
      int serverSelections,
      int requests,
      int cookieEchoes,
      int failovers,
      int unreachables,
      int rejects)
      implements ClusterSerializable {}

  /**
   * The job generator fires. On the precise timers, each job due at the previous one's due time plus
   * a drawn interval: the arrival process keeps its rate however late a firing is handled.
   */
  record GenerateJob(long generation) implements Command {}

  /** T1 (RFC 5352 §7.1): no HANDLE_RESOLUTION_RESPONSE in time. */
  record HandleResolutionTimeout() implements Command {}

  /** Time to look for a registrar again. */
  record HuntRetry() implements Command {}

  /** Select again after a resolution that found no pool element. */
  record SelectionRetry() implements Command {}

  /** Select again after a reject. */
  record JobRetry() implements Command {}

  /** The selected pool element neither accepted nor rejected the job in time. */
  record JobRequestTimeout() implements Command {}

  /** Time for the next session keep-alive. */
  record KeepAliveDue() implements Command {}

  /** The pool element did not ack the session keep-alive in time. */
  record KeepAliveTimeout() implements Command {}

  static final String RESOLUTION_TIMER = "resolution";
  static final String HUNT_TIMER = "hunt";
  private static final String RETRY_TIMER = "retry";
  private static final String REQUEST_TIMER = "request";
  private static final String KEEP_ALIVE_TIMER = "keep-alive";

  /** Where the current job is (RSPSIM's client states, folded). */
  private enum Phase { IDLE, SELECTING, WAITING_TO_RETRY, REQUESTING, IN_SERVICE }

  private final PoolUserSettings settings;
  private final TransportAddress serviceAddress;
  private final Endpoint endpoint;
  private final EmulationClock clock;
  private final TimerScheduler<Command> timers;
  private final PreciseTimer<Command> generator;
  private final PoolUserMetrics metrics;
  private final SplittableRandom random;
  private final HandleResolver resolver;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private Phase phase = Phase.IDLE;
  private Job current;
  private TransportAddress currentAddress;
  private int nextJobId = 1;
  /** When the last job was due (emulated ns); the next is due a drawn interval later. */
  private long jobDueNanos;
  private long jobsGenerated;
  private long jobsStarted;
  private long jobsCompleted;
  private long failovers;
  private long unreachables;
  private long rejects;
  private long violations;
  private CompletedJob lastCompleted;

  /**
   * @param registrars the static registrar list; may be empty when registrars are learnt from announces
   * @param address the pool user's IPv4 address; its ports come from the settings
   */
  public static Behavior<Command> create(
      PoolUserSettings settings,
      List<TransportAddress> registrars,
      TransportAddress address,
      Network network,
      PoolUserMetrics metrics,
      long seed) {
    if (registrars.isEmpty() && !settings.asapClient().useAnnounces()) {
      throw new IllegalArgumentException("a pool user needs a registrar: a static one, or announces (rserpool.asap-client.use-announces)");
    }
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
    this.settings = settings;
    this.timers = timers;
    this.metrics = metrics;
    this.random = new SplittableRandom(seed);
    this.clock = network.clock();
    this.generator = new PreciseTimer<>(network.timers(), ctx.getSelf(), GenerateJob::new);
    TransportAddress asapAddress = address.withPort(settings.asapPort());
    this.serviceAddress = address.withPort(settings.servicePort());
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new)).bind(asapAddress).bind(serviceAddress)
        .watchAssociations(ctx.messageAdapter(AssociationEvent.class, AssociationLost::new));
    if (settings.asapClient().useAnnounces()) endpoint.join(settings.asapClient().announceGroup(), asapAddress);
    RegistrarTable table = settings.asapClient().table(registrars);
    this.resolver = new HandleResolver(settings, table, endpoint, asapAddress, timers, clock, random, ctx.getLog(), new HandleResolver.Host() {
      @Override
      public void selected(PoolElementParameter poolElement) {
        onSelected(poolElement);
      }

      @Override
      public void noPoolElement() {
        onNoPoolElement();
      }
    });
    metrics.started();
    // RSPSIM: the first job is generated one interval after the start.
    jobDueNanos = clock.nanos();
    scheduleNextJob();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(GenerateJob.class, g -> generator.fired(g.generation()) ? onGenerateJob() : this)
        .onMessage(AssociationLost.class, m -> {
          resolver.onAssociationLost(m.event().peer(), m.event().cause());
          return this;
        })
        .onMessage(HandleResolutionTimeout.class, t -> {
          resolver.onTimeout();
          return this;
        })
        .onMessage(HuntRetry.class, t -> {
          resolver.onHuntRetry();
          return this;
        })
        .onMessage(SelectionRetry.class, r -> retry())
        .onMessage(JobRetry.class, r -> retry())
        .onMessage(JobRequestTimeout.class, t -> onJobRequestTimeout())
        .onMessage(KeepAliveDue.class, t -> onKeepAliveDue())
        .onMessage(KeepAliveTimeout.class, t -> onKeepAliveTimeout())
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private void scheduleNextJob() {
    if (settings.jobCount() > 0 && jobsGenerated >= settings.jobCount()) return;
    jobDueNanos += settings.jobInterval().drawLong(random, 0);
    generator.startAt(jobDueNanos);
  }

  private Behavior<Command> onGenerateJob() {
    long size = settings.jobSize().drawLong(random, 1);
    jobsGenerated++;
    queue.add(new Job(nextJobId++, size, clock.nanos()));
    metrics.jobQueued(size);
    scheduleNextJob();
    if (phase == Phase.IDLE) startNextJob();
    return this;
  }

  private void startNextJob() {
    current = queue.poll();
    if (current == null) {
      phase = Phase.IDLE;
      return;
    }
    jobsStarted++;
    metrics.jobStarted(current.size, current.start(clock.nanos()));
    selectPoolElement();
  }

  private void selectPoolElement() {
    phase = Phase.SELECTING;
    current.poolElement = null;
    currentAddress = null;
    current.serverSelections++;
    metrics.serverSelection();
    resolver.select();
  }

  private Behavior<Command> retry() {
    if (phase == Phase.WAITING_TO_RETRY) selectPoolElement();
    return this;
  }

  private void onSelected(PoolElementParameter pe) {
    if (phase != Phase.SELECTING) return;
    TransportAddress target = userAddress(pe);
    if (target == null) {
      // Not reachable by this client (no IPv4 SCTP transport): as good as no answer.
      getContext().getLog().warn("PU: pool element {} has no IPv4 SCTP user transport", Identifiers.hex(pe.identifier()));
      resolver.purge(pe);
      waitToRetry(settings.handleResolutionRetryDelay().toNanos(), new SelectionRetry());
      return;
    }
    current.poolElement = pe;
    currentAddress = target;
    phase = Phase.REQUESTING;
    if (current.cookie != null) {
      current.cookieEchoes++;
      metrics.request(true);
      endpoint.send(serviceAddress, target, new AsapMessage.CookieEcho(current.cookie.toBytes()));
    } else {
      current.requests++;
      metrics.request(false);
      endpoint.send(serviceAddress, target, new CalcAppMessage.Request(current.id, current.size));
    }
    timers.startSingleTimer(REQUEST_TIMER, new JobRequestTimeout(), clock.toReal(settings.jobRequestTimeout()));
  }

  private void onNoPoolElement() {
    if (phase != Phase.SELECTING) return;
    waitToRetry(settings.handleResolutionRetryDelay().toNanos(), new SelectionRetry());
  }

  private void waitToRetry(long delayNanos, Command retry) {
    phase = Phase.WAITING_TO_RETRY;
    timers.startSingleTimer(RETRY_TIMER, retry, Duration.ofNanos(clock.toRealNanos(delayNanos)));
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

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    Message m = packet.message();
    if (m instanceof AsapMessage.HandleResolutionResponse r) {
      resolver.onResponse(packet, r);
    } else if (m instanceof AsapMessage.ServerAnnounce a) {
      resolver.onAnnounce(RegistrarTable.announcedAddress(packet, a));
    } else if (m instanceof CalcAppMessage c) {
      if (fromCurrent(packet, c.jobId())) onCalcApp(packet, c);
    } else if (m instanceof AsapMessage.Cookie cookie) {
      onCookie(packet, cookie);
    } else {
      getContext().getLog().debug("PU ignores {} from {}", m, packet.source());
    }
    return this;
  }

  /** RSPSIM: only messages from the pool element serving the current job, about that job, count. */
  private boolean fromCurrent(Packet packet, int jobId) {
    return current != null && currentAddress != null && packet.source().equals(currentAddress) && jobId == current.id;
  }

  private void onCalcApp(Packet packet, CalcAppMessage m) {
    long now = clock.nanos();
    if (m instanceof CalcAppMessage.Accept && phase == Phase.REQUESTING) {
      timers.cancel(REQUEST_TIMER);
      metrics.accept(current.accept(now));
      phase = Phase.IN_SERVICE;
      timers.startSingleTimer(KEEP_ALIVE_TIMER, new KeepAliveDue(), clock.toReal(settings.sessionKeepAliveInterval()));
    } else if (m instanceof CalcAppMessage.Reject && phase == Phase.REQUESTING) {
      timers.cancel(REQUEST_TIMER);
      current.rejects++;
      rejects++;
      metrics.reject();
      resolver.purge(current.poolElement);
      long max = settings.jobRetryDelayMax().toNanos();
      waitToRetry(max == 0 ? 0 : random.nextLong(max + 1), new JobRetry());
    } else if (m instanceof CalcAppMessage.KeepAlive && phase == Phase.IN_SERVICE) {
      endpoint.reply(packet, new CalcAppMessage.KeepAliveAck(current.id));
    } else if (m instanceof CalcAppMessage.KeepAliveAck && phase == Phase.IN_SERVICE) {
      timers.startSingleTimer(KEEP_ALIVE_TIMER, new KeepAliveDue(), clock.toReal(settings.sessionKeepAliveInterval()));
    } else if (m instanceof CalcAppMessage.Abort && phase == Phase.IN_SERVICE) {
      // A clean shutdown (its cookie came just before) or the server's session timeout: no report.
      timers.cancel(KEEP_ALIVE_TIMER);
      failover(true);
      resolver.purge(current.poolElement);
      selectPoolElement();
    } else if (m instanceof CalcAppMessage.Complete && phase == Phase.IN_SERVICE) {
      timers.cancel(KEEP_ALIVE_TIMER);
      complete(now);
    }
  }

  private void onCookie(Packet packet, AsapMessage.Cookie message) {
    CalcAppCookie cookie;
    try {
      cookie = CalcAppCookie.fromBytes(message.cookie());
    } catch (IllegalArgumentException e) {
      getContext().getLog().warn("PU: unusable ASAP_COOKIE from {}: {}", packet.source(), e.getMessage());
      return;
    }
    if (!fromCurrent(packet, cookie.jobId()) || phase != Phase.IN_SERVICE) return;
    metrics.goodput(current.cookie(cookie, clock.nanos()));
  }

  private void complete(long now) {
    Job.Completed done = current.complete(now);
    jobsCompleted++;
    metrics.jobCompleted(done);
    for (Job.Invariant broken : done.violations()) {
      violations++;
      metrics.violation(broken);
      getContext().getLog().warn("PU: job {} breaks the invariant '{}': {}", done.id(), broken.label, done);
    }
    lastCompleted = new CompletedJob(done.id(), done.size(), done.queuingNanos(), done.startupNanos(), done.processingNanos(),
        done.handlingNanos(), done.goodputNanos(), done.failoverNanos(), done.serverSelections(), done.requests(), done.cookieEchoes(),
        done.failovers(), done.unreachables(), done.rejects());
    current = null;
    currentAddress = null;
    startNextJob();
  }

  private void failover(boolean abort) {
    current.failovers++;
    failovers++;
    metrics.failover(abort);
  }

  private void reportUnreachable() {
    current.unreachables++;
    unreachables++;
    metrics.unreachable();
    resolver.reportUnreachable(current.poolElement);
  }

  private Behavior<Command> onJobRequestTimeout() {
    if (phase != Phase.REQUESTING) return this;
    reportUnreachable();
    selectPoolElement();
    return this;
  }

  private Behavior<Command> onKeepAliveDue() {
    if (phase != Phase.IN_SERVICE) return this;
    endpoint.send(serviceAddress, currentAddress, new CalcAppMessage.KeepAlive(current.id));
    timers.startSingleTimer(KEEP_ALIVE_TIMER, new KeepAliveTimeout(), clock.toReal(settings.sessionKeepAliveTimeout()));
    return this;
  }

  /** RSPSIM: the pool element is dead; fail over, report it, and resume at once from the last cookie. */
  private Behavior<Command> onKeepAliveTimeout() {
    if (phase != Phase.IN_SERVICE) return this;
    failover(false);
    reportUnreachable();
    selectPoolElement();
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus request) {
    request.replyTo().tell(new Status(jobsGenerated, jobsStarted, jobsCompleted, queue.size(), resolver.handleResolutions(),
        resolver.cacheHits(), failovers, unreachables, rejects, violations, lastCompleted, resolver.registrar()));
    return this;
  }

  private Behavior<Command> onStop() {
    generator.cancel();
    metrics.stopped(queue.size());
    endpoint.close();
    return this;
  }
}
