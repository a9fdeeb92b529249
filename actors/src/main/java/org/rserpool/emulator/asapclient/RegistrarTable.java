package org.rserpool.emulator.asapclient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;

/**
 * The registrars a pool element, pool user or attacker may turn to (rsplib registrartable.c): a static
 * list, which never expires (RSPSIM's staticRegistrarsList, the deployment's registrars of the site),
 * and the registrars learnt from ASAP_SERVER_ANNOUNCEs, each forgotten when no announce has renewed it
 * for RegistrarAnnounceTimeout (rsplib 5 s, RFC 5352 T7-ENRPoutdate).
 *
 * <p>A server hunt picks one of them uniformly at random, as RSPSIM's registrar table does
 * (getRandomPeerListNode) and rsplib starts its hunt at a random entry. Like rsplib's hunt it remembers
 * the registrars that did not answer ({@link #failed}) for hunt-failure-memory and prefers, among the
 * rest, the ones heard announcing recently, so that after a registrar crash the next try goes to a
 * live one; a failed registrar is picked again only when every known one failed, or once it announces
 * itself again. With hunt-failure-memory 0 the table keeps no health state (RSPSIM). Single-threaded,
 * owned by one actor.
 */
public final class RegistrarTable {
  private final List<TransportAddress> statics;
  private final long announceTimeoutNanos;
  private final long failureMemoryNanos;
  /**
   * The announced registrars in the order first heard, each with the instant it expires: a list, not a
   * map, because every pool element and pool user renews an entry for each announce (2 per second per
   * registrar of its site, most of the messages of a large emulation) and a table holds a few registrars,
   * so a scan that usually stops at the same object beats hashing the address and boxing the instant.
   */
  private final List<Announced> announced = new ArrayList<>(4);

  private static final class Announced {
    final TransportAddress registrar;
    long expiresNanos;

    Announced(TransportAddress registrar, long expiresNanos) {
      this.registrar = registrar;
      this.expiresNanos = expiresNanos;
    }
  }
  /** Registrars that did not answer, each until the instant its failure is forgotten. */
  private final Map<TransportAddress, Long> failedUntil = new LinkedHashMap<>();

  /** A table without failure memory (RSPSIM's). */
  public RegistrarTable(List<TransportAddress> statics, long announceTimeoutNanos) {
    this(statics, announceTimeoutNanos, 0);
  }

  /**
   * @param announceTimeoutNanos how long an announced registrar stays without a new announce
   * @param failureMemoryNanos how long a registrar that did not answer is avoided (0 = never)
   */
  public RegistrarTable(List<TransportAddress> statics, long announceTimeoutNanos, long failureMemoryNanos) {
    this.statics = List.copyOf(statics);
    this.announceTimeoutNanos = announceTimeoutNanos;
    this.failureMemoryNanos = failureMemoryNanos;
  }

  /** Notes (or renews) a registrar heard announcing itself at {@code nowNanos}: it is alive again. */
  public void announced(TransportAddress registrar, long nowNanos) {
    long expires = nowNanos + announceTimeoutNanos;
    Announced entry = find(registrar);
    if (entry != null) {
      entry.expiresNanos = expires;
    } else {
      announced.add(new Announced(registrar, expires));
    }
    if (!failedUntil.isEmpty()) failedUntil.remove(registrar);
  }

  private Announced find(TransportAddress registrar) {
    for (int i = 0, n = announced.size(); i < n; i++) {
      Announced a = announced.get(i);
      if (a.registrar == registrar || a.registrar.equals(registrar)) return a;
    }
    return null;
  }

  /** {@code registrar} did not answer (its requests timed out): avoid it for hunt-failure-memory. */
  public void failed(TransportAddress registrar, long nowNanos) {
    if (failureMemoryNanos > 0 && registrar != null) failedUntil.put(registrar, nowNanos + failureMemoryNanos);
  }

  /**
   * The association with {@code registrar} is gone: unreachable (its retransmissions exhausted) counts
   * as {@link #failed}; an ABORT comes from a registrar that is there (it aborted, or restarted).
   */
  public void associationLost(TransportAddress registrar, AssociationEvent.Cause cause, long nowNanos) {
    if (cause == AssociationEvent.Cause.RETRANSMISSIONS_EXHAUSTED) failed(registrar, nowNanos);
  }

  /** {@code registrar} answered: whatever failed before, it works now. */
  public void answered(TransportAddress registrar) {
    if (!failedUntil.isEmpty()) failedUntil.remove(registrar);
  }

  /** Whether {@code registrar} failed within hunt-failure-memory before {@code nowNanos}. */
  public boolean isFailed(TransportAddress registrar, long nowNanos) {
    Long until = failedUntil.get(registrar);
    return until != null && until > nowNanos;
  }

  /** The registrars known at {@code nowNanos}: the static ones, then the announced ones not yet expired. */
  public List<TransportAddress> registrars(long nowNanos) {
    purge(nowNanos);
    List<TransportAddress> all = new ArrayList<>(statics);
    for (Announced a : announced) {
      if (!all.contains(a.registrar)) all.add(a.registrar);
    }
    return all;
  }

  /**
   * One registrar chosen uniformly at random, or {@code null} when none is known: among those that have
   * not failed lately, the recently announced ones if any; every known one when all failed.
   */
  public TransportAddress pick(RandomGenerator random, long nowNanos) {
    List<TransportAddress> all = registrars(nowNanos);
    if (all.isEmpty()) return null;
    List<TransportAddress> candidates = all;
    if (!failedUntil.isEmpty()) {
      failedUntil.values().removeIf(until -> until <= nowNanos);
      List<TransportAddress> alive = new ArrayList<>(all.size());
      for (TransportAddress a : all) {
        if (!failedUntil.containsKey(a)) alive.add(a);
      }
      if (!alive.isEmpty()) {
        candidates = alive;
        List<TransportAddress> heard = new ArrayList<>(alive.size());
        for (TransportAddress a : alive) {
          if (find(a) != null) heard.add(a);
        }
        if (!heard.isEmpty()) candidates = heard;
      }
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /** Whether {@code registrar} is in the table at {@code nowNanos}. */
  public boolean contains(TransportAddress registrar, long nowNanos) {
    return statics.contains(registrar) || registrars(nowNanos).contains(registrar);
  }

  private void purge(long nowNanos) {
    announced.removeIf(a -> a.expiresNanos <= nowNanos);
  }

  /**
   * Where a SERVER_ANNOUNCE says its registrar serves ASAP: the first IPv4 address of its first SCTP
   * transport with that transport's port; without transports (as rsplib sends it) the packet's source
   * (RFC 5352 §2.2.10: the receiver then uses the sender's address).
   */
  public static TransportAddress announcedAddress(Packet packet, AsapMessage.ServerAnnounce announce) {
    for (TransportParameter t : announce.transports()) {
      if (t instanceof SctpTransport sctp) {
        for (AddressParameter a : sctp.addresses()) {
          if (a instanceof Ipv4Address v4) return new TransportAddress(v4, sctp.port());
        }
      }
    }
    return packet.source();
  }
}
