package org.rserpool.emulator.attacker;

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
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.serialization.ClusterSerializable;
import org.rserpool.emulator.time.EmulationClock;

/**
 * RSPSIM's attacker (attackerprocess.cc; rspsim-model.md §1.8): every attack interval, against a
 * registrar picked at random from its table,
 *
 * <ul>
 *   <li>a handle-resolution attack sends ASAP_HANDLE_RESOLUTION for the target pool; with the report
 *       probability it reports every pool element of an answer as unreachable (ASAP_ENDPOINT_UNREACHABLE
 *       to the answering registrar), and, before a new request whose predecessor is still unanswered,
 *       the pool elements of the last answer to the new target;
 *   <li>a registration attack registers a fake pool element at its own address: the configured policy
 *       type, weight and load degradation, load 0, registration life 1,000,000,000 ms, one identifier or
 *       a new one each time; it acks the fake pool elements' endpoint keep-alives if so configured, so
 *       they stay, and ignores (counts) the CalcApp requests pool users send them, which time out.
 * </ul>
 *
 * RSPSIM also sends each unreachable report a second time, to the registrar's unbound port 777, where
 * it is lost; that copy is left out. The attacker has nothing to hand over, so a shutdown is a stop.
 */
public final class Attacker extends AbstractBehavior<Attacker.Command> {

  public sealed interface Command extends ClusterSerializable permits Received, GetStatus, NextAttack {}

  /** A packet from the network. */
  public record Received(Packet packet) implements Command {}

  /** Asks for the attacker's {@link Status}. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** What one attacker has done. */
  public record Status(long attacks, long handleResolutions, long failureReports, long registrations, long keepAliveAcks,
      long ignoredApplicationMessages) implements ClusterSerializable {}

  /** Time for the next attack. */
  record NextAttack() implements Command {}

  /** RSPSIM: registration life of a fake pool element, in ms. */
  static final int FAKE_REGISTRATION_LIFE = 1_000_000_000;

  private final AttackerSettings settings;
  private final TransportAddress address;
  private final RegistrarTable table;
  private final Endpoint endpoint;
  private final EmulationClock clock;
  private final TimerScheduler<Command> timers;
  private final AttackerMetrics metrics;
  private final SplittableRandom random;
  private int identifier;
  private List<Integer> victims = List.of();
  private boolean answered = true;
  private long attacks;
  private long handleResolutions;
  private long failureReports;
  private long registrations;
  private long keepAliveAcks;
  private long ignored;

  /**
   * @param registrars the target registrars (RSPSIM attackTargetRegistrarsList: the site's registrars)
   * @param address the attacker's IPv4 address; its port comes from the settings
   */
  public static Behavior<Command> create(AttackerSettings settings, List<TransportAddress> registrars, TransportAddress address,
      Network network, AttackerMetrics metrics, long seed) {
    if (registrars.isEmpty() && !settings.asapClient().useAnnounces()) {
      throw new IllegalArgumentException("an attacker needs a target registrar: a static one, or announces");
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Attacker(ctx, timers, settings, registrars, address, network, metrics, seed)));
  }

  private Attacker(ActorContext<Command> ctx, TimerScheduler<Command> timers, AttackerSettings settings, List<TransportAddress> registrars,
      TransportAddress address, Network network, AttackerMetrics metrics, long seed) {
    super(ctx);
    this.settings = settings;
    this.timers = timers;
    this.metrics = metrics;
    this.random = new SplittableRandom(seed);
    this.clock = network.clock();
    this.address = address.withPort(settings.port());
    this.table = settings.asapClient().table(registrars);
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new)).bind(this.address);
    if (settings.asapClient().useAnnounces()) endpoint.join(settings.asapClient().announceGroup(), this.address);
    this.identifier = newIdentifier();
    metrics.started();
    if (settings.type() != AttackerSettings.Type.NONE) scheduleNextAttack();
  }

  private int newIdentifier() {
    return (int) (1 + random.nextLong(0xfffffffeL));
  }

  private void scheduleNextAttack() {
    timers.startSingleTimer(new NextAttack(), Duration.ofNanos(clock.toRealNanos(settings.interval().drawLong(random, 0))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(NextAttack.class, a -> onNextAttack())
        .onMessage(GetStatus.class, this::onGetStatus)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onNextAttack() {
    TransportAddress target = table.pick(random, clock.nanos());
    if (target != null) {
      attacks++;
      metrics.sent(settings.type());
      if (settings.type() == AttackerSettings.Type.HANDLE_RESOLUTION) {
        handleResolutionAttack(target);
      } else {
        registrationAttack(target);
      }
    }
    scheduleNextAttack();
    return this;
  }

  private void handleResolutionAttack(TransportAddress target) {
    if (!answered && !victims.isEmpty() && reportNow()) {
      for (int victim : victims) reportUnreachable(target, victim);
    }
    endpoint.send(address, target, new AsapMessage.HandleResolution(false, settings.poolHandle(), null));
    answered = false;
  }

  private void registrationAttack(TransportAddress target) {
    if (settings.randomizeIdentifier()) identifier = newIdentifier();
    PoolElementParameter fake = new PoolElementParameter(identifier, 0, FAKE_REGISTRATION_LIFE,
        SctpTransport.of(address.address(), address.port(), TransportUse.DATA_ONLY), settings.fakePolicy(), null);
    endpoint.send(address, target, new AsapMessage.Registration(settings.poolHandle(), fake));
  }

  /** RSPSIM: uniform(0, 1) <= attackReportUnreachableProbability (never with probability 0). */
  private boolean reportNow() {
    double p = settings.reportUnreachableProbability();
    return p > 0 && random.nextDouble() <= p;
  }

  private void reportUnreachable(TransportAddress registrar, int victim) {
    endpoint.send(address, registrar, new AsapMessage.EndpointUnreachable(settings.poolHandle(), victim));
    failureReports++;
    metrics.failureReport();
  }

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    Message m = packet.message();
    if (m instanceof AsapMessage.HandleResolutionResponse r) {
      onHandleResolutionResponse(packet, r);
    } else if (m instanceof AsapMessage.RegistrationResponse r) {
      if (!r.reject() && r.error() == null) {
        registrations++;
        metrics.registration();
      }
    } else if (m instanceof AsapMessage.EndpointKeepAlive k) {
      if (settings.answerKeepAlives()) {
        int pe = k.peIdentifier() != null ? k.peIdentifier().value() : identifier;
        endpoint.reply(packet, new AsapMessage.EndpointKeepAliveAck(k.poolHandle(), pe));
        keepAliveAcks++;
        metrics.keepAliveAck();
      }
    } else if (m instanceof AsapMessage.ServerAnnounce a) {
      table.announced(RegistrarTable.announcedAddress(packet, a), clock.nanos());
    } else if (m instanceof CalcAppMessage || m instanceof AsapMessage.CookieEcho) {
      ignored++;
      metrics.ignoredApplicationMessage();
    }
    return this;
  }

  private void onHandleResolutionResponse(Packet packet, AsapMessage.HandleResolutionResponse r) {
    if (r.error() != null && r.poolElements().isEmpty()) return;
    victims = r.poolElements().stream().map(PoolElementParameter::identifier).toList();
    answered = true;
    handleResolutions++;
    metrics.handleResolution();
    if (reportNow()) {
      for (int victim : victims) reportUnreachable(packet.source(), victim);
    }
  }

  private Behavior<Command> onGetStatus(GetStatus request) {
    request.replyTo().tell(new Status(attacks, handleResolutions, failureReports, registrations, keepAliveAcks, ignored));
    return this;
  }

  private Behavior<Command> onStop() {
    metrics.stopped();
    endpoint.close();
    return this;
  }
}
