package org.rserpool.emulator.network;

import akka.actor.typed.ActorRef;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.association.Associations;
import org.rserpool.emulator.network.association.SctpSettings;
import org.rserpool.emulator.network.delivery.DelayLine;
import org.rserpool.emulator.network.delivery.TimingWheelDelayLine;
import org.rserpool.emulator.network.fault.NetworkControl;
import org.rserpool.emulator.network.link.Link;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.network.link.Transmission;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.pcap.PcapWriter;
import org.rserpool.emulator.time.EmulationClock;
import org.rserpool.emulator.time.PreciseTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated network of one node. It maps transport addresses to the actors bound to them and
 * carries every packet from sender to receiver across the link between their sites ({@link
 * LinkModel}: delay, jitter, loss, duplication, rate, as netem does) and across the faults injected
 * at run time ({@link NetworkControl}: impairments and partitions). All traffic passes here, so the
 * link model, faults, metrics and capture apply to it in one place.
 *
 * <p>A packet to an address nobody is bound to when it arrives is dropped and counted, as a real
 * network would drop it; the sender's own timers notice. Delayed packets wait in a {@link DelayLine}
 * (a timer thread, not Akka timers) that hands them to the receiver when due.
 *
 * <p>The network also keeps the node's {@link PreciseTimers} (the timers of job completions and job
 * generation), so that every actor that has a network has them, and a test's manual network runs them
 * on manual time with its packets.
 *
 * <p>Thread-safe: actors send from any dispatcher thread.
 */
public final class Network implements AutoCloseable {
  /** Inbox and in-flight bounds of the real-time delay line when nothing else is configured. */
  public static final int DEFAULT_INBOX_CAPACITY = 1 << 20;
  public static final int DEFAULT_MAX_IN_FLIGHT = 4_000_000;

  private final ConcurrentMap<TransportAddress, ActorRef<Packet>> endpoints = new ConcurrentHashMap<>();
  /**
   * Multicast members by group and site: a datagram reaches only its sender's site, so a registrar's
   * announce walks the members of its own site and not every site's.
   */
  private final ConcurrentMap<GroupInSite, GroupMembers> groups = new ConcurrentHashMap<>();

  private record GroupInSite(TransportAddress group, int site) {
    /** The group's members in the site of {@code endpoint}. */
    static GroupInSite of(TransportAddress group, TransportAddress endpoint) {
      return new GroupInSite(group, AddressPlan.siteOf(endpoint.address()));
    }
  }
  private final EmulationClock clock;
  private final LinkModel links;
  private final NetworkControl control;
  private final DelayLine delayLine;
  private final PreciseTimers timers;
  private static final Logger LOG = LoggerFactory.getLogger(Network.class);
  private static final int UNROUTABLE_LOGGED = 10;
  private final AtomicInteger unroutableLogged = new AtomicInteger();
  private final NetworkMetrics metrics;
  private volatile PacketTap tap;
  private volatile NodeRouter router;
  /** Where the copies of a due multicast datagram are handed over, in chunks; {@code null}: the delay line's own thread. */
  private volatile Executor fanOutExecutor;
  /** Copies one task of {@link #fanOutExecutor} hands over. */
  private static final int FAN_OUT_CHUNK = 256;
  /** ASAP and ENRP unicast over SCTP associations, or {@code null}: datagrams. */
  private volatile Associations associations;
  /** How often each address was bound: an association belongs to one incarnation of each end. */
  private final ConcurrentMap<TransportAddress, Integer> incarnations = new ConcurrentHashMap<>();
  /** Who hears of the associations of an address (its component's SCTP notifications). */
  private final ConcurrentMap<TransportAddress, ActorRef<AssociationEvent>> associationListeners = new ConcurrentHashMap<>();
  /** An SCTP SACK or ABORT on the wire: Ethernet, IPv4, SCTP common header and one 16-byte chunk. */
  private static final int CONTROL_CHUNK_FRAME_BYTES = 14 + 20 + 12 + 16;

  /** A network whose links all have the same constant one-way delay (tests, simple scenarios). */
  public Network(EmulationClock clock, Duration oneWayDelay, MeterRegistry registry) {
    this(clock, LinkModel.uniform(LinkProfile.constant(oneWayDelay), 0),
        TimingWheelDelayLine.factory(DEFAULT_INBOX_CAPACITY, DEFAULT_MAX_IN_FLIGHT), registry, 0);
  }

  /**
   * @param links the configured links between sites and components
   * @param delayLine how delayed packets wait (real time, or manual time in tests)
   * @param seed seeds the random generators of faults injected at run time
   */
  public Network(EmulationClock clock, LinkModel links, DelayLine.Factory delayLine, MeterRegistry registry, long seed) {
    this(clock, links, delayLine, PreciseTimers.realTime(), registry, seed);
  }

  /** @param timers how precise timers wait (real time, or manual time in tests) */
  public Network(EmulationClock clock, LinkModel links, DelayLine.Factory delayLine, PreciseTimers.Factory timers, MeterRegistry registry,
      long seed) {
    this.clock = clock;
    this.links = links;
    this.control = new NetworkControl(clock::nanos, seed);
    this.metrics = new NetworkMetrics(registry);
    this.delayLine = delayLine.start(clock, new DelayLine.Sink() {
      @Override
      public void deliver(Packet packet, long latenessNanos) {
        due(packet, latenessNanos);
      }

      @Override
      public void overflow(Packet packet) {
        metrics.overflow.increment();
      }
    });
    this.timers = timers.start(clock, nanos -> metrics.timerLateness.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
    metrics.gauges(registry, control::activeImpairments, control::activePartitions, this.delayLine::pending);
  }

  public EmulationClock clock() {
    return clock;
  }

  /** The node's precise timers (job completions, job generation). */
  public PreciseTimers timers() {
    return timers;
  }

  /** The runtime control API: impairments and partitions. */
  public NetworkControl control() {
    return control;
  }

  public LinkModel links() {
    return links;
  }

  /** Sees every packet handed to a receiver (packet capture); {@code null} for none. */
  public void setTap(PacketTap tap) {
    this.tap = tap;
  }

  /**
   * Makes this network one node's part of a network that spans a cluster: packets for endpoints the
   * router says are remote go to their node. Set before any component starts.
   */
  public void setRouter(NodeRouter router) {
    this.router = router;
  }

  /**
   * Hands the copies of a due multicast datagram to their members on {@code executor} (the actors'
   * dispatcher), in chunks of {@value #FAN_OUT_CHUNK}, instead of on the delay line's thread: a
   * registrar's announce reaches every pool element and pool user of its site at one due time, and
   * tens of thousands of hand-overs in a row would hold up every other packet due meanwhile. Each copy
   * still counts as late by the time it is handed over. {@code null}: the delay line's thread (tests
   * on manual time, where everything runs in order on the test's thread).
   */
  public void setFanOut(Executor executor) {
    this.fanOutExecutor = executor;
  }

  /**
   * How ASAP and ENRP unicast travel from now on: over SCTP associations ({@link Associations}), or
   * as datagrams (the default of a network built without settings; a scenario sets
   * {@code rserpool.network.sctp}). Set before any component starts.
   */
  public void setTransport(SctpSettings settings) {
    this.associations = settings.enabled() ? new Associations(settings) : null;
  }

  /**
   * Tells {@code listener} when an association of {@code local} is gone (the SCTP notifications its
   * component reads); until {@code local} is unbound.
   */
  public void watchAssociations(TransportAddress local, ActorRef<AssociationEvent> listener) {
    associationListeners.put(local, listener);
  }

  /**
   * Aborts the association between {@code local} and {@code peer} (rsplib's registrar does on a
   * keep-alive timeout): it is gone at once here, and the peer is told when the ABORT reaches it (if it
   * does: an ABORT is not retransmitted, RFC 4960 §9.1).
   */
  public void abort(TransportAddress local, TransportAddress peer) {
    Associations a = associations;
    if (a == null || !a.close(local, peer, null)) return;
    long now = clock.nanos();
    long delay = attempt(local, peer, now, null);
    if (delay >= 0 && !isRemote(peer)) timers.at(now + delay, () -> tellAssociationLost(peer, local, AssociationEvent.Cause.ABORTED));
  }

  private void tellAssociationLost(TransportAddress local, TransportAddress peer, AssociationEvent.Cause cause) {
    metrics.associationsLost[cause.ordinal()].increment();
    ActorRef<AssociationEvent> listener = associationListeners.get(local);
    if (listener != null) listener.tell(new AssociationEvent(local, peer, cause));
  }

  private boolean isRemote(TransportAddress address) {
    NodeRouter r = router;
    return r != null && r.isRemote(address);
  }

  /**
   * Binds an address to the actor that receives what is sent to it.
   *
   * @throws IllegalStateException when another actor is already bound to the address
   */
  public void bind(TransportAddress address, ActorRef<Packet> receiver) {
    ActorRef<Packet> previous = endpoints.putIfAbsent(address, receiver);
    if (previous != null && !previous.equals(receiver)) {
      throw new IllegalStateException("address already in use: " + address + " (bound to " + previous.path() + ")");
    }
    if (previous == null) {
      incarnations.merge(address, 1, Integer::sum);
      for (GroupMembers g : groups.values()) g.bound(address, receiver);
    }
  }

  /** Releases an address, if {@code receiver} holds it. */
  public void unbind(TransportAddress address, ActorRef<Packet> receiver) {
    if (endpoints.remove(address, receiver)) {
      associationListeners.remove(address);
      for (GroupMembers g : groups.values()) g.bound(address, null);
    }
  }

  public boolean isBound(TransportAddress address) {
    return endpoints.containsKey(address);
  }

  /**
   * Makes a bound endpoint a member of a multicast group: it receives a copy of every packet sent to
   * the group from its own site (announcements are scoped to the site's LAN).
   *
   * @throws IllegalArgumentException when {@code group} is not a multicast address
   */
  public void join(TransportAddress group, TransportAddress member) {
    members(group, member).addLocal(member, endpoints.get(member));
    NodeRouter r = router;
    if (r != null) r.joined(group, member);
  }

  public void leave(TransportAddress group, TransportAddress member) {
    GroupMembers members = groups.get(GroupInSite.of(group, member));
    if (members != null && members.removeLocal(member)) {
      NodeRouter r = router;
      if (r != null) r.left(group, member);
    }
  }

  /**
   * An endpoint on another node joined a multicast group: copies of what this node sends to the group
   * go to it, too (no router is told: the joining node's own network did that).
   *
   * @throws IllegalArgumentException when {@code group} is not a multicast address
   */
  public void joinedElsewhere(TransportAddress group, TransportAddress member) {
    members(group, member).addRemote(member);
  }

  private GroupMembers members(TransportAddress group, TransportAddress member) {
    if (!group.address().isMulticast()) throw new IllegalArgumentException("not a multicast group: " + group);
    return groups.computeIfAbsent(GroupInSite.of(group, member), g -> new GroupMembers());
  }

  /** An endpoint on another node left a multicast group (or its node was lost). */
  public void leftElsewhere(TransportAddress group, TransportAddress member) {
    GroupMembers members = groups.get(GroupInSite.of(group, member));
    if (members != null) members.removeRemote(member);
  }

  /** Every group membership of endpoints that match, e.g. those of a lost node: removed. */
  public void forgetMembers(java.util.function.Predicate<TransportAddress> doomed) {
    for (GroupMembers members : groups.values()) members.removeIf(doomed);
  }

  /**
   * A packet from another node, which has applied its link and faults: it waits in this node's delay
   * line until its emulated due time, or is delivered at once if that has passed, the real time of the
   * transfer between the nodes counting as lateness.
   */
  public void arriveFromNode(Packet packet, long sentNanos, long dueNanos) {
    metrics.crossNodeReceived.increment();
    long now = clock.nanos();
    metrics.crossNodeTransfer.record(clock.toRealNanos(now - sentNanos), java.util.concurrent.TimeUnit.NANOSECONDS);
    long delay = dueNanos - now;
    if (delay > 0) {
      if (!delayLine.schedule(delay, packet)) metrics.overflow.increment();
    } else {
      due(packet, clock.toRealNanos(-delay));
    }
  }

  /** A packet is due, {@code latenessNanos} of real time late: to its receiver, or to a group's members here. */
  private void due(Packet packet, long latenessNanos) {
    if (packet.recipient() == null && packet.multicast()) {
      fanOut(packet, latenessNanos);
    } else {
      metrics.lateness.record(latenessNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
      arrive(packet);
    }
  }

  /**
   * Sends a packet. A partition drops it; otherwise it crosses its link and every impairment that
   * matches, and each copy that survives arrives at its destination after the delay it got (or is
   * dropped there if nobody is bound).
   */
  public void send(Packet packet) {
    if (packet.multicast()) {
      sendToGroup(packet);
      return;
    }
    metrics.sent(packet.message());
    Associations a = associations;
    if (a != null && packet.message().protocol() != PayloadProtocol.CALCAPP) {
      transmitOnAssociation(a, packet);
    } else {
      transmit(packet, packet.destination());
    }
  }

  /**
   * ASAP or ENRP unicast over its association: every transmission crosses partitions, the link and
   * impairments at its own time, its SACK the way back, until one is acknowledged or the association
   * is lost ({@link Associations}).
   */
  private void transmitOnAssociation(Associations a, Packet packet) {
    TransportAddress from = packet.source();
    TransportAddress to = packet.destination();
    long now = clock.nanos();
    boolean remote = isRemote(to);
    if (!remote && !endpoints.containsKey(to)) metrics.unroutable.increment();
    Message message = packet.message();
    Associations.Outcome o = a.send(from, incarnations.getOrDefault(from, 0), to, remote ? -1 : incarnations.getOrDefault(to, 0), now,
        (x, y, at) -> attempt(x, y, at, x == from ? message : null));
    if (o.retransmissions() > 0) metrics.retransmissions[packet.message().protocol().ordinal()].increment(o.retransmissions());
    if (o.peerRestarted()) {
      // The restarted peer's stack answers with an ABORT: the sender hears of it a round trip later.
      long forward = attempt(from, to, now, message);
      long back = forward < 0 ? -1 : attempt(to, from, now + forward, null);
      if (back >= 0) timers.at(now + forward + back, () -> tellAssociationLost(from, to, AssociationEvent.Cause.PEER_RESTARTED));
      return;
    }
    if (o.deliverAtNanos() >= 0) dispatch(o.deliverAtNanos() - now, packet);
    if (o.lostAtNanos() >= 0) {
      Associations.Association association = o.association();
      timers.at(o.lostAtNanos(), () -> {
        if (a.close(from, to, association)) tellAssociationLost(from, to, AssociationEvent.Cause.RETRANSMISSIONS_EXHAUSTED);
      });
    }
  }

  /**
   * One SCTP packet from {@code from} to {@code to} leaving at {@code atNanos}, carrying {@code message}
   * (DATA) or a control chunk ({@code null}: a SACK or an ABORT): its delay (the earliest copy's), or
   * -1 when it is lost: partitioned, lost or dropped on the way, or sent to a host where nobody is
   * bound (this node's endpoints only; another node's are taken to be there).
   */
  private long attempt(TransportAddress from, TransportAddress to, long atNanos, Message message) {
    if (control.activePartitions() > 0 && control.partitioned(from, to)) {
      metrics.partitioned.increment();
      return -1;
    }
    if (!endpoints.containsKey(to) && !isRemote(to)) return -1;
    Link link = links.link(from, to);
    boolean impaired = control.hasImpairments();
    if (link.isConstant() && !impaired) return link.constantDelayNanos();
    int size = !sized(link, impaired) ? 0 : message == null ? CONTROL_CHUNK_FRAME_BYTES : wireBytes(message);
    Transmission t = cross(link, impaired, from, to, atNanos, size);
    if (t.copies() == 0) return -1;
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < t.copies(); i++) earliest = Math.min(earliest, t.delayNanos(i));
    return Math.max(0, earliest);
  }

  /**
   * Emulated IP multicast: one copy per member of the group in the sender's site, each over the link
   * to that member (its own delay, loss, partitions), with the group as destination. As with IP
   * multicast, a datagram to a group nobody in the site has joined reaches nobody, and that is no fault
   * (a registrar announces whether or not anyone listens).
   */
  private void sendToGroup(Packet packet) {
    GroupMembers members = groups.get(GroupInSite.of(packet.destination(), packet.source()));
    if (members == null) return;
    TransportAddress source = packet.source();
    GroupMembers.Member[] local = members.local();
    int localCopies = local.length - (local.length > 0 && members.isLocal(source) ? 1 : 0);
    Set<TransportAddress> remote = members.remote();
    NodeRouter r = router;
    boolean toRemote = r != null && !remote.isEmpty();
    if (localCopies <= 0 && !toRemote) return;
    Link lan = sameLanLink(source, localCopies > 0 ? (local[0].is(source) ? local[1] : local[0]).address : remote.iterator().next());
    if (lan != null) {
      // Every member gets its copy over the same constant LAN link, so the copies wait as one packet
      // (to the group, no recipient) and fan out when due (fanOut): one delay-line entry instead of one
      // per member here, and one remote message per other node instead of one per member there (each
      // node fans out to its own members at the same due time). Their delays are counted per copy.
      long delay = Math.max(0, lan.constantDelayNanos());
      if (localCopies > 0) {
        for (int i = 0; i < localCopies; i++) metrics.recordDelay(delay);
        if (delay == 0) {
          fanOut(packet, 0);
        } else if (!delayLine.schedule(delay, packet)) {
          metrics.overflow.increment(localCopies);
        }
      }
      if (toRemote) {
        for (int i = 0, n = remote.size(); i < n; i++) metrics.recordDelay(delay);
        metrics.crossNodeSent.increment();
        long now = clock.nanos();
        r.forwardToGroup(packet, now, now + delay);
      }
    } else {
      for (GroupMembers.Member member : local) {
        if (!member.is(source)) transmit(new Packet(source, packet.destination(), packet.message(), member.address), member.address);
      }
      for (TransportAddress member : remote) transmit(new Packet(source, packet.destination(), packet.message(), member), member);
    }
    // One datagram on the LAN, however many members it reaches; none if nobody listens there.
    metrics.sent(packet.message());
  }

  /**
   * The link every copy of a datagram from {@code source} to its site's members crosses, when it is the
   * same constant one for all of them ({@code member} stands for them all): no partition or impairment
   * in force, no component with a link of its own. {@code null} otherwise: each copy crosses its own.
   */
  private Link sameLanLink(TransportAddress source, TransportAddress member) {
    if (control.activePartitions() > 0 || control.hasImpairments() || links.hasOverrides()) return null;
    Link link = links.link(source, member);
    return link.isConstant() ? link : null;
  }

  /**
   * A datagram to a group that waited as one packet is due: a copy to each member of the sender's
   * site bound here now, each counted late by the time it is handed over.
   */
  private void fanOut(Packet packet, long latenessNanos) {
    GroupMembers members = groups.get(GroupInSite.of(packet.destination(), packet.source()));
    if (members == null) return;
    GroupMembers.Member[] local = members.local();
    long due = System.nanoTime() - latenessNanos;
    Executor executor = fanOutExecutor;
    if (executor == null || local.length <= FAN_OUT_CHUNK) {
      deliverCopies(packet, local, 0, local.length, due);
      return;
    }
    for (int from = 0; from < local.length; from += FAN_OUT_CHUNK) {
      int start = from;
      int end = Math.min(local.length, from + FAN_OUT_CHUNK);
      try {
        executor.execute(() -> deliverCopies(packet, local, start, end, due));
      } catch (RejectedExecutionException stopping) {
        // The actor system stops before the network does (Emulation.stop): what is due meanwhile is
        // handed over here, to actors that are gone, rather than reported as a failed delivery.
        deliverCopies(packet, local, start, end, due);
      }
    }
  }

  private void deliverCopies(Packet packet, GroupMembers.Member[] members, int from, int to, long dueRealNanos) {
    TransportAddress source = packet.source();
    // Read each member's actor once, and count the deliveries before the first tell (as a unicast is
    // counted before it is told): whoever sees a copy arrive sees it counted.
    @SuppressWarnings("unchecked")
    ActorRef<Packet>[] receivers = new ActorRef[to - from];
    int delivered = 0;
    for (int i = from; i < to; i++) {
      GroupMembers.Member member = members[i];
      if (member.is(source)) continue;
      ActorRef<Packet> receiver = member.receiver;
      receivers[i - from] = receiver;
      if (receiver != null) delivered++;
    }
    if (delivered > 0) metrics.delivered[packet.message().protocol().ordinal()].increment(delivered);
    for (int i = from; i < to; i++) {
      GroupMembers.Member member = members[i];
      if (member.is(source)) continue;
      metrics.lateness.record(System.nanoTime() - dueRealNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
      handOver(new Packet(source, packet.destination(), packet.message(), member.address), receivers[i - from]);
    }
  }

  private void transmit(Packet packet, TransportAddress destination) {
    TransportAddress source = packet.source();
    if (control.activePartitions() > 0 && control.partitioned(source, destination)) {
      metrics.partitioned.increment();
      return;
    }
    Link link = links.link(source, destination);
    boolean impaired = control.hasImpairments();
    if (link.isConstant() && !impaired) {
      dispatch(link.constantDelayNanos(), packet);
      return;
    }
    long now = clock.nanos();
    Transmission t = cross(link, impaired, source, destination, now, sized(link, impaired) ? wireBytes(packet.message()) : 0);
    for (int i = 0; i < t.copies(); i++) dispatch(t.delayNanos(i), packet);
  }

  /** Whether a packet's size matters on this link (sizing costs an encode: only where a rate applies). */
  private boolean sized(Link link, boolean impaired) {
    return link.profile().rate() != null || impaired && control.hasRates();
  }

  /** A packet crossing its link and the impairments that match, with what they did to it counted. */
  private Transmission cross(Link link, boolean impaired, TransportAddress from, TransportAddress to, long nowNanos, int size) {
    Transmission t = Transmission.start();
    t.cross(link, nowNanos, size);
    if (impaired) control.impair(from, to, t, nowNanos, size);
    if (t.lost() > 0) metrics.lost.increment(t.lost());
    if (t.overflowed() > 0) metrics.overflow.increment(t.overflowed());
    if (t.duplicated() > 0) metrics.duplicated.increment(t.duplicated());
    return t;
  }

  /** The Ethernet frames a message takes on the wire, as a capture shows them (codec encoding in SCTP DATA). */
  static int wireBytes(Message message) {
    return PcapWriter.sctpFrameBytes(MessageCodec.encode(message).length);
  }

  private void dispatch(long delayNanos, Packet packet) {
    metrics.recordDelay(delayNanos);
    NodeRouter r = router;
    if (r != null && r.isRemote(packet.receiver())) {
      metrics.crossNodeSent.increment();
      long now = clock.nanos();
      r.forward(packet, now, now + Math.max(0, delayNanos));
    } else if (delayNanos <= 0) {
      arrive(packet);
    } else if (!delayLine.schedule(delayNanos, packet)) {
      metrics.overflow.increment();
    }
  }

  private void arrive(Packet packet) {
    ActorRef<Packet> receiver = endpoints.get(packet.receiver());
    if (receiver != null) metrics.delivered[packet.message().protocol().ordinal()].increment();
    handOver(packet, receiver);
  }

  /**
   * Tells {@code receiver}, the actor bound to the packet's receiver now ({@code null}: nobody, so it is
   * unroutable). The caller has counted it delivered (the copies of a multicast datagram once per
   * chunk: one shared counter updated from several threads per copy costs more than the hand-over).
   */
  private void handOver(Packet packet, ActorRef<Packet> receiver) {
    if (receiver == null) {
      metrics.unroutable.increment();
      // The first few are logged: nothing should be unroutable in a run without failures, and when
      // something is, the message type and the addresses say which component was not (or no longer) bound.
      if (unroutableLogged.get() < UNROUTABLE_LOGGED && unroutableLogged.getAndIncrement() < UNROUTABLE_LOGGED) {
        LOG.info("network: {} from {} to {} is unroutable: nobody is bound there{}", packet.message().getClass().getSimpleName(),
            packet.source(), packet.receiver(), unroutableLogged.get() == UNROUTABLE_LOGGED ? " (further ones are only counted)" : "");
      }
      return;
    }
    PacketTap t = tap;
    if (t != null) t.delivered(clock.nanos(), packet);
    receiver.tell(packet);
  }

  /**
   * The round-trip time an SCTP association between two endpoints settles on when the network is idle:
   * the configured one-way delay of the link each way (scenario site pairs with component overrides).
   * Jitter is left out because the smoothed RTT of RFC 4960 §6.3.1 averages it away; injected latency
   * faults and rate queues are left out because rsplib reads the SRTT once, at registration, when they
   * are not the rule. The registrar's DPF distance is half of it (rsplib registrarUpdateDistance).
   */
  public long idleRoundTripNanos(TransportAddress a, TransportAddress b) {
    return links.link(a, b).profile().delay().toNanos() + links.link(b, a).profile().delay().toNanos();
  }

  /** Packets of a protocol the components sent so far (whatever became of them). */
  public long sent(PayloadProtocol protocol) {
    return (long) metrics.sent[protocol.ordinal()].count();
  }

  /** Packets delivered so far. */
  public long delivered() {
    return (long) NetworkMetrics.sum(metrics.delivered);
  }

  /** Packets of a protocol delivered so far (a multicast datagram once per member that received it). */
  public long delivered(PayloadProtocol protocol) {
    return (long) metrics.delivered[protocol.ordinal()].count();
  }

  /** ASAP and ENRP messages sent again on their SCTP association so far. */
  public long retransmissions() {
    return (long) NetworkMetrics.sum(metrics.retransmissions);
  }

  /** SCTP associations endpoints were told are gone, so far. */
  public long associationsLost() {
    return (long) NetworkMetrics.sum(metrics.associationsLost);
  }

  /** Packets dropped because nobody was bound to their destination. */
  public long unroutable() {
    return (long) metrics.unroutable.count();
  }

  /** Packets (and copies) lost by the loss models of links and impairments. */
  public long lost() {
    return (long) metrics.lost.count();
  }

  /** Packets dropped by partitions. */
  public long partitioned() {
    return (long) metrics.partitioned.count();
  }

  /** Packets dropped at a full rate queue or delay line. */
  public long overflowed() {
    return (long) metrics.overflow.count();
  }

  /** Extra copies made by duplication. */
  public long duplicated() {
    return (long) metrics.duplicated.count();
  }

  /** Packets this node handed to other cluster nodes. */
  public long crossNodeSent() {
    return (long) metrics.crossNodeSent.count();
  }

  /** Packets this node received from other cluster nodes. */
  public long crossNodeReceived() {
    return (long) metrics.crossNodeReceived.count();
  }

  /** A quantile of the delay-line lateness so far (seconds; the upper bound of its histogram bucket). */
  public double latenessQuantileSeconds(double q) {
    return metrics.latenessQuantile(q);
  }

  /** Packets in flight (waiting in the delay line). */
  public int inFlight() {
    return delayLine.pending();
  }

  @Override
  public void close() {
    delayLine.close();
    timers.close();
  }
}
