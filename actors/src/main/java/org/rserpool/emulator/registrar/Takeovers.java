package org.rserpool.emulator.registrar;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rserpool.emulator.handlespace.EntryTimer;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.Identifiers;

/**
 * Peer monitoring and the takeover of a dead peer's pool elements (RFC 5353 §3.4.3, §3.5; rsplib
 * rspregistrar-enrp.c registrarHandlePeerEvent and rspregistrar-takeover.c; RSPSIM §2.9).
 *
 * <p>A peer not heard (no PRESENCE, as rsplib counts it; the RFC counts any message) for
 * PeerMaxTimeLastHeard is asked for a PRESENCE; without one in PeerMaxTimeNoResponse it is dead. If
 * another registrar has announced its takeover meanwhile, or the peer owns no pool elements here, it is
 * simply removed. Otherwise this registrar starts a takeover: ENRP_INIT_TAKEOVER to every peer (the
 * target too, which can still object with a PRESENCE), and waits for every other peer's
 * ENRP_INIT_TAKEOVER_ACK. With all of them (by consent), or when TakeoverExpiryInterval runs out first
 * and takeover-on-expiry is on (by timeout, RSPSIM; rsplib gives up), it takes over: ENRP_TAKEOVER_SERVER
 * to the other peers, and every pool element of the target gets this registrar as home and a keep-alive
 * with the H bit, which it must acknowledge in time.
 */
final class Takeovers {
  private final RegistrarContext c;
  private final Presences presences;
  private final PoolElementSupervision supervision;

  Takeovers(RegistrarContext c, Presences presences, PoolElementSupervision supervision) {
    this.c = c;
    this.presences = presences;
    this.supervision = supervision;
  }

  /** A peer's timer is due. */
  void onPeerTimer(Peer peer) {
    Peer.Timer timer = peer.timer;
    c.peers().clearTimer(peer);
    long now = c.now();
    switch (timer) {
      case MAX_TIME_LAST_HEARD -> {
        c.log().info("{}: {} not heard for {}; asking for a presence", c.name(), peer, c.settings().peerMaxTimeLastHeard());
        presences.send(peer, true);
        c.peers().setTimer(peer, Peer.Timer.MAX_TIME_NO_RESPONSE, now + c.settings().peerMaxTimeNoResponse().toNanos());
      }
      case MAX_TIME_NO_RESPONSE -> onDead(peer, now);
      case TAKEOVER_EXPIRY -> onExpiry(peer);
      default -> throw new IllegalStateException("unknown peer timer " + timer);
    }
  }

  private void onDead(Peer peer, long now) {
    if (peer.takeoverRegistrarId != 0) {
      c.log().info("{}: {} is dead and {} takes it over; removing it", c.name(), peer, Identifiers.hex(peer.takeoverRegistrarId));
      c.peers().remove(peer);
      return;
    }
    int owned = c.handlespace().ownedCount(peer.id);
    if (owned == 0) {
      c.log().info("{}: {} is dead and owns no pool elements; removing it", c.name(), peer);
      c.peers().remove(peer);
      return;
    }
    Set<Integer> toAsk = new LinkedHashSet<>();
    for (Peer p : c.peers().known()) toAsk.add(p.id);
    peer.takeover = new TakeoverProcess(peer.id, toAsk);
    c.metrics().takeoversStarted.increment();
    c.log().warn("{}: {} did not answer; starting the takeover of its {} pool elements ({} acknowledgements to wait for)",
        c.name(), peer, owned, peer.takeover.outstanding());
    for (Peer p : c.peers().known()) {
      c.sockets().enrp(p.address, new EnrpMessage.InitTakeover(c.serverId(), p.id, peer.id));
    }
    c.peers().setTimer(peer, Peer.Timer.TAKEOVER_EXPIRY, now + c.settings().takeoverExpiryInterval().toNanos());
  }

  private void onExpiry(Peer peer) {
    TakeoverProcess process = peer.takeover;
    if (process == null) return;
    if (c.settings().takeoverOnExpiry()) {
      c.metrics().takeoversByTimeout.increment();
      c.log().warn("{}: takeover of {} expired with {} acknowledgements missing; taking over anyway", c.name(), peer, process.outstanding());
      finish(peer, "by timeout");
    } else {
      c.log().warn("{}: takeover of {} expired with {} acknowledgements missing; giving up", c.name(), peer, process.outstanding());
      c.peers().remove(peer);
    }
  }

  /** A PRESENCE from the peer: it lives, so no takeover of it, this registrar's or another's (rsplib). */
  void peerAlive(Peer peer) {
    peer.takeoverRegistrarId = 0;
    if (peer.takeover != null) {
      c.log().warn("{}: {} is alive; takeover stopped", c.name(), peer);
      peer.takeover = null;
    }
  }

  /**
   * ENRP_INIT_TAKEOVER of another peer (RFC 5353 §3.5.1 b, c). Without a takeover of the same target of
   * its own, the registrar consents; with one, the arbitration decides: the loser aborts its own and
   * consents (and, as rsplib, watches the target for another no-response interval before removing it),
   * the winner ignores the message. An unknown target gets consent too.
   */
  void onInitTakeover(Packet packet, EnrpMessage.InitTakeover m) {
    int sender = m.senderServerId();
    Peer target = c.peers().find(m.targetServerId());
    if (target != null && target.takeover != null) {
      if (!c.settings().takeoverArbitration().givesWay(c.serverId(), sender)) {
        c.log().info("{}: {} also takes over {}; this registrar continues ({} arbitration)",
            c.name(), Identifiers.hex(sender), target, c.settings().takeoverArbitration().configName());
        return;
      }
      c.log().info("{}: {} also takes over {}; this registrar gives way ({} arbitration)",
          c.name(), Identifiers.hex(sender), target, c.settings().takeoverArbitration().configName());
      target.takeover = null;
      c.peers().setTimer(target, Peer.Timer.MAX_TIME_NO_RESPONSE, c.now() + c.settings().peerMaxTimeNoResponse().toNanos());
    }
    if (target != null) target.takeoverRegistrarId = sender;
    c.sockets().enrp(packet.source(), new EnrpMessage.InitTakeoverAck(c.serverId(), sender, m.targetServerId()));
  }

  /** ENRP_INIT_TAKEOVER_ACK: one consent less to wait for; with the last one the takeover completes. */
  void onInitTakeoverAck(EnrpMessage.InitTakeoverAck m) {
    Peer target = c.peers().find(m.targetServerId());
    if (target == null || target.takeover == null) {
      c.log().debug("{}: ignoring a takeover acknowledgement of {} for {}", c.name(), Identifiers.hex(m.senderServerId()),
          Identifiers.hex(m.targetServerId()));
      return;
    }
    if (target.takeover.acknowledge(m.senderServerId()) == 0) {
      c.metrics().takeoversByConsent.increment();
      finish(target, "by consent");
    }
  }

  /** rsplib registrarFinishTakeover; RFC 5353 §3.5.2. */
  private void finish(Peer target, String how) {
    int targetId = target.id;
    for (Peer p : c.peers().known()) {
      if (p != target) c.sockets().enrp(p.address, new EnrpMessage.TakeoverServer(c.serverId(), p.id, targetId));
    }
    List<PoolElementEntry> taken = c.handlespace().ownedBy(targetId);
    long now = c.now();
    for (PoolElementEntry e : taken) supervision.adopt(e, now);
    c.peers().remove(target);
    c.log().warn("{}: took over {} {}: {} pool elements now homed here; {}", c.name(), Identifiers.hex(targetId), how, taken.size(),
        RegistrarSummary.describe(c.handlespace()));
  }

  /**
   * ENRP_TAKEOVER_SERVER (RFC 5353 §3.5.2): the sender has taken over the target, which leaves the peer
   * list (RSPSIM; rsplib leaves that to its timers), and the target's pool elements here get the sender
   * as home and expire unless it updates them (RSPSIM restarts their lifetime; rsplib leaves a running
   * expiry as it is: restart-expiry-on-handle-table-and-takeover). Should the target be this
   * registrar (it was cut off and is back), its pool elements go to the sender too, as in rsplib, whose
   * handler does not tell the cases apart.
   */
  void onTakeoverServer(EnrpMessage.TakeoverServer m) {
    int targetId = m.targetServerId();
    int newHome = m.senderServerId();
    if (targetId == c.serverId()) {
      c.log().warn("{}: {} has taken this registrar over", c.name(), Identifiers.hex(newHome));
    } else {
      Peer target = c.peers().find(targetId);
      if (target != null) c.peers().remove(target);
    }
    List<PoolElementEntry> moved = c.handlespace().ownedBy(targetId);
    long now = c.now();
    for (PoolElementEntry e : moved) {
      c.handlespace().changeOwner(e, newHome);
      // RSPSIM restarts the lifetime; rsplib registrarHandleENRPTakeoverServer only changes the owner,
      // so a running expiry goes on (an entry that was this registrar's gets one: it is no longer ours).
      if (c.settings().restartExpiryOnHandleTableAndTakeover() || e.timer() != EntryTimer.EXPIRY) supervision.expireLater(e, now);
    }
    c.log().info("{}: {} took over {}: {} pool elements moved to it; {}", c.name(), Identifiers.hex(newHome), Identifiers.hex(targetId),
        moved.size(), RegistrarSummary.describe(c.handlespace()));
  }
}
