package org.rserpool.emulator.registrar;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.SplittableRandom;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.RawMessage;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.codec.CodecException;
import org.rserpool.emulator.protocol.codec.Decoded;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * A registrar (PR, ENRP server, RFC 5351): one actor that serves ASAP to pool elements and pool users on
 * its ASAP address and speaks ENRP with its peers on its ENRP address, keeping its handlespace in step
 * with theirs and taking over the pool elements of a peer that dies. It follows rsplib's registrar
 * (rspregistrar-*.c), with RSPSIM's registrar options; the parts:
 *
 * <ul>
 *   <li>{@link AsapServer}: registration, deregistration, handle resolution, unreachability reports,
 *       server announces, the DoS rate limits ({@link RateLimiter});
 *   <li>{@link PoolElementSupervision}: keep-alives to owned pool elements, expiry of the others;
 *   <li>{@link EnrpPeering}: PRESENCE heartbeats, peer list exchange, the startup phase with its mentor;
 *   <li>{@link HandlespaceSync}: handle updates, the checksum audit, handle table transfers;
 *   <li>{@link Takeovers}: peer monitoring and the takeover of a dead peer.
 * </ul>
 *
 * <p>Timers are stated in emulated time and armed in real time through the emulation clock: one actor
 * timer for all pool element timers (the handlespace's queue), one per peer, one for each announce cycle.
 * Raw bytes ({@link RawMessage}) are decoded here; what cannot be decoded is answered with an ASAP_ERROR
 * or ENRP_ERROR where RFC 5354 wants one (none to an ERROR, none for "silent" faults, none to a
 * multicast datagram), as rsplib's registrar does.
 */
public final class Registrar extends AbstractBehavior<Registrar.Command> {

  public sealed interface Command extends ClusterSerializable
      permits Received, AssociationLost, GetSummary, GetHandlespace, HandlespaceTimerDue, PeerTimerDue, EnrpAnnounceDue, AsapAnnounceDue {}

  /** A packet from the network (adapted, so the network needs to know nothing of this protocol). */
  public record Received(Packet packet) implements Command {}

  /** An association of the registrar's is gone (SCTP COMM_LOST, adapted from the network). */
  public record AssociationLost(AssociationEvent event) implements Command {}

  /** Asks for the registrar's {@link RegistrarSummary}. */
  public record GetSummary(ActorRef<RegistrarSummary> replyTo) implements Command {}

  /** Asks for the registrar's whole handlespace ({@link HandlespaceDump}, as rsplib's hsdump shows it). */
  public record GetHandlespace(ActorRef<HandlespaceDump> replyTo) implements Command {}

  /** The earliest pool element timer is due. */
  record HandlespaceTimerDue() implements Command {}

  /** A peer's timer is due. */
  record PeerTimerDue(int peerKey) implements Command {}

  /** The ENRP announce timer: end of mentor discovery, then every heartbeat cycle. */
  record EnrpAnnounceDue() implements Command {}

  /** The ASAP announce timer: every server announce cycle once the startup phase is over. */
  record AsapAnnounceDue() implements Command {}

  private record PeerTimerKey(int peerKey) {}

  private static final Object HANDLESPACE_TIMER = "handlespace";
  private static final Object ENRP_ANNOUNCE_TIMER = "enrp-announce";
  private static final Object ASAP_ANNOUNCE_TIMER = "asap-announce";

  private final RegistrarContext c;
  private final TimerScheduler<Command> timers;
  private final Endpoint endpoint;
  private final RegistrarMetrics.Instance gauges;
  private final StartupPhase startup;
  private final AsapServer asap;
  private final PoolElementSupervision supervision;
  private final EnrpPeering peering;
  private final HandlespaceSync sync;
  private final Takeovers takeovers;
  private long armedHandlespaceNanos = Long.MAX_VALUE;

  public static Behavior<Command> create(RegistrarSettings settings, RegistrarIdentity identity, Network network, RegistrarMetrics metrics) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Registrar(ctx, timers, settings, identity, network, metrics)));
  }

  /**
   * A registrar without static peers ({@link RegistrarIdentity#standalone}); it still finds peers of its
   * site by multicast PRESENCE when that is on.
   */
  public static Behavior<Command> create(
      RegistrarSettings settings, int serverId, TransportAddress asapAddress, Network network, RegistrarMetrics metrics) {
    return create(settings, RegistrarIdentity.standalone(serverId, asapAddress), network, metrics);
  }

  private Registrar(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      RegistrarSettings settings,
      RegistrarIdentity identity,
      Network network,
      RegistrarMetrics metrics) {
    super(ctx);
    this.timers = timers;
    int serverId = identity.serverId();
    // The random policies draw from a source seeded by the server ID, which the deployment derives
    // from the scenario seed: the same scenario gives the same selections. Timing draws use their own.
    Handlespace handlespace = new Handlespace(
        new Handlespace.Options(settings.errorCauses(), settings.policyUpdateOnRelink(), settings.keepRegistrationLife()), new SplittableRandom(serverId));
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new))
        .bind(identity.asapAddress()).bind(identity.enrpAddress())
        .watchAssociations(ctx.messageAdapter(AssociationEvent.class, AssociationLost::new));
    if (settings.enrpMulticastAddress() != null) endpoint.join(settings.enrpMulticastAddress(), identity.enrpAddress());
    RegistrarSockets sockets = new RegistrarSockets(endpoint, identity.asapAddress(), identity.enrpAddress(),
        settings.asapAnnounceAddress(), settings.enrpMulticastAddress());
    PeerList peers = new PeerList(serverId);
    for (TransportAddress peer : identity.staticPeers()) {
      if (!peer.equals(identity.enrpAddress())) peers.addStatic(peer);
    }
    this.c = new RegistrarContext(identity.name(), serverId, settings, handlespace, peers, sockets, metrics, network.clock(),
        ctx.getLog(), new SplittableRandom(~(long) serverId * 0x9e3779b97f4a7c15L));
    this.gauges = metrics.attach(identity.name());
    this.startup = new StartupPhase(c, this::startAnnouncing);
    HandleUpdates updates = new HandleUpdates(c);
    this.supervision = new PoolElementSupervision(c, updates);
    this.asap = new AsapServer(c, supervision, updates, startup);
    Presences presences = new Presences(c);
    this.sync = new HandlespaceSync(c, supervision, startup);
    this.peering = new EnrpPeering(c, presences, sync, startup);
    this.takeovers = new Takeovers(c, presences, supervision);

    ctx.getLog().info("{} ({}) serving ASAP on {}, ENRP on {}, {} static peers", identity.name(), Identifiers.hex(serverId),
        identity.asapAddress(), identity.enrpAddress(), peers.all().size());
    peering.start();
    timers.startSingleTimer(ENRP_ANNOUNCE_TIMER, new EnrpAnnounceDue(), real(settings.mentorDiscoveryTimeout().toNanos()));
    afterEvent();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(AssociationLost.class, this::onAssociationLost)
        .onMessage(HandlespaceTimerDue.class, t -> onHandlespaceTimer())
        .onMessage(PeerTimerDue.class, this::onPeerTimer)
        .onMessage(EnrpAnnounceDue.class, t -> onEnrpAnnounce())
        .onMessage(AsapAnnounceDue.class, t -> onAsapAnnounce())
        .onMessage(GetSummary.class, this::onGetSummary)
        .onMessage(GetHandlespace.class, this::onGetHandlespace)
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    if (packet.message() instanceof RawMessage raw) {
      decode(packet, raw);
    } else {
      dispatch(packet, packet.message());
    }
    afterEvent();
    return this;
  }

  /**
   * An association is gone: on the ASAP port, every pool element registered over it is removed (rsplib
   * registrarRemovePoolElementsOfConnection on SCTP_COMM_LOST). On the ENRP port nothing happens: peers
   * are watched by their PRESENCEs (rsplib does the same).
   */
  private Behavior<Command> onAssociationLost(AssociationLost lost) {
    AssociationEvent e = lost.event();
    if (e.local().equals(c.sockets().asapAddress())) supervision.removeRegisteredOver(e.peer(), e.cause());
    afterEvent();
    return this;
  }

  /**
   * Raw bytes: decoded as the protocol of the address they came to (rsplib picks the parser by the
   * socket and the PPID, and aborts an association whose PPID does not fit its socket).
   */
  private void decode(Packet packet, RawMessage raw) {
    PayloadProtocol expected = packet.receiver().equals(c.sockets().asapAddress()) ? PayloadProtocol.ASAP : PayloadProtocol.ENRP;
    if (raw.protocol() != expected) {
      c.metrics().malformedMessages.increment();
      c.log().info("{}: {} bytes of {} from {} arrived at the {} port; dropped", c.name(), raw.bytes().length(), raw.protocol(),
          packet.source(), expected);
      return;
    }
    try {
      Decoded decoded = MessageCodec.decodeReporting(raw.protocol(), raw.bytes().array());
      if (!packet.multicast()) decoded.errorReply(c.serverId()).ifPresent(reply -> send(packet, reply));
      dispatch(packet, decoded.message());
    } catch (CodecException e) {
      c.metrics().malformedMessages.increment();
      c.log().info("{}: malformed message from {}: {}", c.name(), packet.source(), e.getMessage());
      if (!packet.multicast()) e.errorReply(c.serverId()).ifPresent(reply -> send(packet, reply));
    }
  }

  private void send(Packet received, Message reply) {
    if (reply instanceof AsapMessage a) {
      c.sockets().asap(received.source(), a);
    } else if (reply instanceof EnrpMessage e) {
      c.sockets().enrp(received.source(), e);
    }
  }

  /** rsplib registrarHandleMessage: ASAP requests on the ASAP address, ENRP on the ENRP address; anything else is logged. */
  private void dispatch(Packet packet, Message m) {
    boolean atAsap = packet.receiver().equals(c.sockets().asapAddress());
    if (m instanceof AsapMessage a && atAsap) {
      onAsap(packet, a);
    } else if (m instanceof EnrpMessage e && !atAsap) {
      // rsplib: every ENRP handler skips the registrar's own messages.
      if (e.senderServerId() != c.serverId()) onEnrp(packet, e);
    } else {
      c.log().debug("{}: ignoring {} from {} at {}", c.name(), m, packet.source(), packet.receiver());
    }
  }

  private void onAsap(Packet packet, AsapMessage m) {
    if (m instanceof AsapMessage.Registration r) {
      asap.onRegistration(packet, r);
    } else if (m instanceof AsapMessage.Deregistration d) {
      asap.onDeregistration(packet, d);
    } else if (m instanceof AsapMessage.HandleResolution h) {
      asap.onHandleResolution(packet, h);
    } else if (m instanceof AsapMessage.EndpointKeepAliveAck ack) {
      supervision.onAck(ack, c.now());
    } else if (m instanceof AsapMessage.EndpointUnreachable u) {
      asap.onEndpointUnreachable(packet, u);
    } else if (m instanceof AsapMessage.Error error) {
      c.log().info("{}: ASAP_ERROR from {}: {}", c.name(), packet.source(), error.error().causes());
    } else {
      c.log().debug("{}: {} from {} is not for a registrar", c.name(), m, packet.source());
    }
  }

  private void onEnrp(Packet packet, EnrpMessage m) {
    if (m instanceof EnrpMessage.Presence p) {
      Peer peer = peering.onPresence(packet, p);
      if (peer != null) takeovers.peerAlive(peer);
    } else if (m instanceof EnrpMessage.HandleUpdate u) {
      sync.onHandleUpdate(packet, u);
    } else if (m instanceof EnrpMessage.HandleTableRequest r) {
      sync.onHandleTableRequest(packet, r);
    } else if (m instanceof EnrpMessage.HandleTableResponse r) {
      sync.onHandleTableResponse(packet, r);
    } else if (m instanceof EnrpMessage.ListRequest r) {
      peering.onListRequest(packet, r);
    } else if (m instanceof EnrpMessage.ListResponse r) {
      peering.onListResponse(r);
    } else if (m instanceof EnrpMessage.InitTakeover t) {
      if (t.targetServerId() == c.serverId()) {
        peering.defendAgainstTakeover(t);
      } else {
        takeovers.onInitTakeover(packet, t);
      }
    } else if (m instanceof EnrpMessage.InitTakeoverAck a) {
      takeovers.onInitTakeoverAck(a);
    } else if (m instanceof EnrpMessage.TakeoverServer t) {
      takeovers.onTakeoverServer(t);
    } else if (m instanceof EnrpMessage.Error error) {
      c.log().info("{}: ENRP_ERROR from {}: {}", c.name(), Identifiers.hex(error.senderServerId()), error.error().causes());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Timers

  private Behavior<Command> onHandlespaceTimer() {
    armedHandlespaceNanos = Long.MAX_VALUE;
    supervision.onTimersDue(c.now());
    afterEvent();
    return this;
  }

  private Behavior<Command> onPeerTimer(PeerTimerDue due) {
    Peer peer = c.peers().byKey(due.peerKey());
    if (peer != null && peer.timer != null) {
      if (peer.timerNanos <= c.now()) {
        takeovers.onPeerTimer(peer);
      } else {
        c.peers().setTimer(peer, peer.timer, peer.timerNanos); // fired early: arm again
      }
    }
    afterEvent();
    return this;
  }

  private Behavior<Command> onEnrpAnnounce() {
    peering.onHeartbeat();
    timers.startSingleTimer(ENRP_ANNOUNCE_TIMER, new EnrpAnnounceDue(), real(c.randomized(c.settings().peerHeartbeatCycle()).toNanos()));
    afterEvent();
    return this;
  }

  /** rsplib registrarBeginNormalOperation: announces start at once once the startup phase is over. */
  private void startAnnouncing() {
    if (c.sockets().announces()) timers.startSingleTimer(ASAP_ANNOUNCE_TIMER, new AsapAnnounceDue(), Duration.ZERO);
  }

  private Behavior<Command> onAsapAnnounce() {
    asap.announce();
    timers.startSingleTimer(ASAP_ANNOUNCE_TIMER, new AsapAnnounceDue(), real(c.randomized(c.settings().serverAnnounceCycle()).toNanos()));
    return this;
  }

  /** Re-arms what the last event changed (the handlespace's earliest timer, peer timers) and publishes the gauges. */
  private void afterEvent() {
    long next = c.handlespace().nextTimerNanos();
    if (next != armedHandlespaceNanos) {
      armedHandlespaceNanos = next;
      if (next == Long.MAX_VALUE) {
        timers.cancel(HANDLESPACE_TIMER);
      } else {
        timers.startSingleTimer(HANDLESPACE_TIMER, new HandlespaceTimerDue(), real(next - c.now()));
      }
    }
    for (Peer p : c.peers().takeTimerChanges()) {
      PeerTimerKey key = new PeerTimerKey(p.key);
      if (p.timer == null || c.peers().byKey(p.key) != p) {
        timers.cancel(key);
      } else {
        timers.startSingleTimer(key, new PeerTimerDue(p.key), real(p.timerNanos - c.now()));
      }
    }
    Handlespace hs = c.handlespace();
    gauges.update(hs.poolCount(), hs.poolElementCount(), hs.ownedCount(c.serverId()), c.peers().knownCount(), RegistrarSummary.digest(hs));
  }

  /**
   * The real delay for an emulated one, rounded up to whole milliseconds, at least one: Akka's manual
   * scheduler (and its tick) works in milliseconds, and a timer must not fire before its due time.
   */
  private Duration real(long emulatedNanos) {
    long realNanos = c.clock().toRealNanos(Math.max(0, emulatedNanos));
    return Duration.ofMillis(Math.max(1, (realNanos + 999_999) / 1_000_000));
  }

  private Behavior<Command> onGetSummary(GetSummary request) {
    request.replyTo().tell(RegistrarSummary.of(c.name(), c.serverId(), startup.active(), c.handlespace(), c.peers()));
    return this;
  }

  private Behavior<Command> onGetHandlespace(GetHandlespace request) {
    request.replyTo().tell(HandlespaceDump.of(c.name(), c.serverId(), c.now(), c.handlespace()));
    return this;
  }

  private Behavior<Command> onStop() {
    endpoint.close();
    gauges.close();
    c.log().info("{} stopped; {}", c.name(), RegistrarSummary.describe(c.handlespace()));
    return this;
  }
}
