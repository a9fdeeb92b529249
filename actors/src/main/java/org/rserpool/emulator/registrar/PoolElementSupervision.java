package org.rserpool.emulator.registrar;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.handlespace.EntryTimer;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.handlespace.Pool;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.SctpTransport;

/**
 * How a registrar watches the pool elements in its handlespace, all through the handlespace's one timer
 * per entry (rsplib rspregistrar-asap.c, registrarHandlePoolElementEvent; RSPSIM §2.6):
 *
 * <ul>
 *   <li>a pool element it owns gets an ASAP_ENDPOINT_KEEP_ALIVE every keep-alive transmission interval
 *       (not randomized, as rsplib) and must answer within the keep-alive timeout, or it is removed and
 *       its peers told (DEL_PE);
 *   <li>a pool element of another registrar expires when its registration life runs out, silently
 *       (the handlespace removes it).
 * </ul>
 */
final class PoolElementSupervision {
  private final RegistrarContext c;
  private final HandleUpdates updates;

  PoolElementSupervision(RegistrarContext c, HandleUpdates updates) {
    this.c = c;
    this.updates = updates;
  }

  /** An owned pool element (re-)registered: its next keep-alive is one interval away (rsplib re-arms it on every registration). */
  void supervise(PoolElementEntry e, long nowNanos) {
    c.handlespace().startTimer(e, EntryTimer.KEEP_ALIVE_TRANSMISSION, nowNanos + c.settings().keepAliveTransmissionInterval().toNanos());
  }

  /**
   * A pool element of another registrar: it lives for its registration life from now (its last update,
   * or its takeover by another registrar, after which RSPSIM restarts its lifetime).
   */
  void expireLater(PoolElementEntry e, long nowNanos) {
    c.handlespace().startTimer(e, EntryTimer.EXPIRY, nowNanos + Integer.toUnsignedLong(e.registrationLifeMillis()) * 1_000_000L);
  }

  /**
   * Makes this registrar the home of a pool element it took over (RFC 5353 §3.5.2): tells the pool
   * element with a keep-alive carrying the H bit, whose acknowledgement it must see within the timeout.
   */
  void adopt(PoolElementEntry e, long nowNanos) {
    c.handlespace().stopTimer(e);
    c.handlespace().changeOwner(e, c.serverId());
    sendKeepAlive(e, true);
    c.handlespace().startTimer(e, EntryTimer.KEEP_ALIVE_TIMEOUT, nowNanos + c.settings().keepAliveTimeoutInterval().toNanos());
  }

  /**
   * ASAP_ENDPOINT_KEEP_ALIVE (RFC 5352 §2.2.7) to the pool element's ASAP transport, with rsplib's extra
   * PE Identifier so that a host with several pool elements knows which one is meant.
   *
   * @param home the H bit: this registrar wants to become the pool element's home
   */
  void sendKeepAlive(PoolElementEntry e, boolean home) {
    TransportAddress to = asapAddress(e.parameter().asapTransport());
    if (to == null) {
      c.log().warn("{}: pool element {} has no ASAP transport to send a keep-alive to", c.name(), Identifiers.hex(e.identifier()));
      return;
    }
    c.sockets().asap(to, new AsapMessage.EndpointKeepAlive(home, c.serverId(), e.poolHandle(), new PeIdentifier(e.identifier())));
    c.metrics().keepAlivesSent.increment();
  }

  private static TransportAddress asapAddress(SctpTransport t) {
    if (t == null) return null;
    for (AddressParameter a : t.addresses()) {
      if (a instanceof Ipv4Address v4) return new TransportAddress(v4, t.port());
    }
    return null;
  }

  /**
   * ASAP_ENDPOINT_KEEP_ALIVE_ACK: counts only for an owned pool element whose acknowledgement is awaited,
   * and schedules its next keep-alive (RSPSIM; the default). With accept-any-keep-alive-ack, as rsplib
   * registrarHandleASAPEndpointKeepAliveAck: the keep-alive of any pool element it finds is re-armed,
   * which starts keep-alives to pool elements of other registrars (e.g. after a Takeover Suggestion).
   */
  void onAck(AsapMessage.EndpointKeepAliveAck ack, long nowNanos) {
    PoolElementEntry e = c.handlespace().find(ack.poolHandle(), ack.peIdentifier());
    boolean expected = e != null && (c.settings().acceptAnyKeepAliveAck() || e.owner() == c.serverId() && e.timer() == EntryTimer.KEEP_ALIVE_TIMEOUT);
    if (!expected) {
      c.log().debug("{}: unexpected keep-alive ack for {}/{}", c.name(), ack.poolHandle(), Identifiers.hex(ack.peIdentifier()));
      return;
    }
    c.metrics().keepAliveAcksReceived.increment();
    supervise(e, nowNanos);
  }

  /** Handles every entry timer that is due (the registrar arms one actor timer for the earliest). */
  void onTimersDue(long nowNanos) {
    Handlespace hs = c.handlespace();
    for (Handlespace.DueTimer due : hs.takeDueTimers(nowNanos)) {
      PoolElementEntry e = due.entry();
      switch (due.kind()) {
        case KEEP_ALIVE_TRANSMISSION -> {
          sendKeepAlive(e, false);
          hs.startTimer(e, EntryTimer.KEEP_ALIVE_TIMEOUT, nowNanos + c.settings().keepAliveTimeoutInterval().toNanos());
        }
        case KEEP_ALIVE_TIMEOUT -> {
          c.metrics().keepAliveTimeouts.increment();
          c.log().info("{}: pool element {} of {} did not answer its keep-alive; removing it",
              c.name(), Identifiers.hex(e.identifier()), e.poolHandle());
          // rsplib aborts the pool element's association (registrarHandlePoolElementEvent): its pool element hears of it.
          TransportAddress to = asapAddress(e.parameter().asapTransport());
          if (to != null) c.sockets().abort(to);
          remove(e);
        }
        case EXPIRY -> {
          // The handlespace has removed it already; a pool element of another registrar goes silently.
          c.metrics().lifetimeExpiries.increment();
          c.log().debug("{}: registration life of pool element {} ran out", c.name(), Identifiers.hex(e.identifier()));
        }
        default -> throw new IllegalStateException("unknown entry timer " + due.kind());
      }
    }
  }

  /**
   * The association with {@code peer} is gone: every pool element whose ASAP transport it was leaves the
   * handlespace (rsplib registrarRemovePoolElementsOfConnection: "remove all PEs registered over it",
   * with DEL_PE for the owned ones).
   */
  void removeRegisteredOver(TransportAddress peer, AssociationEvent.Cause cause) {
    List<PoolElementEntry> doomed = new ArrayList<>();
    for (Pool pool : c.handlespace().pools()) {
      for (PoolElementEntry e : pool.entries()) {
        if (e.owner() == c.serverId() && peer.equals(asapAddress(e.parameter().asapTransport()))) doomed.add(e);
      }
    }
    for (PoolElementEntry e : doomed) {
      c.log().info("{}: association with pool element {} of {} at {} lost ({}); removing it", c.name(), Identifiers.hex(e.identifier()),
          e.poolHandle(), peer, cause.name().toLowerCase(java.util.Locale.ROOT));
      c.metrics().associationLosses.increment();
      remove(e);
    }
  }

  /**
   * Removes a pool element; if this registrar owns it, its peers are told with DEL_PE (rsplib: "We own
   * this PE -> send HandleUpdate for its removal").
   */
  void remove(PoolElementEntry e) {
    if (e.owner() == c.serverId()) updates.send(UpdateAction.DEL_PE, e.poolHandle(), e.parameter());
    c.handlespace().remove(e);
  }
}
