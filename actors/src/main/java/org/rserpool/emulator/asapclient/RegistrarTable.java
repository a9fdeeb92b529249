package org.rserpool.emulator.asapclient;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
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
 * (getRandomPeerListNode) and rsplib starts its hunt at a random entry; like both it keeps no health
 * state, so a dead registrar can be picked again. Single-threaded, owned by one actor.
 */
public final class RegistrarTable {
  private final List<TransportAddress> statics;
  private final long announceTimeoutNanos;
  private final Map<TransportAddress, Long> announced = new LinkedHashMap<>();

  /** @param announceTimeoutNanos how long an announced registrar stays without a new announce */
  public RegistrarTable(List<TransportAddress> statics, long announceTimeoutNanos) {
    this.statics = List.copyOf(statics);
    this.announceTimeoutNanos = announceTimeoutNanos;
  }

  /** Notes (or renews) a registrar heard announcing itself at {@code nowNanos}. */
  public void announced(TransportAddress registrar, long nowNanos) {
    announced.put(registrar, nowNanos + announceTimeoutNanos);
  }

  /** The registrars known at {@code nowNanos}: the static ones, then the announced ones not yet expired. */
  public List<TransportAddress> registrars(long nowNanos) {
    purge(nowNanos);
    List<TransportAddress> all = new ArrayList<>(statics);
    for (TransportAddress a : announced.keySet()) {
      if (!all.contains(a)) all.add(a);
    }
    return all;
  }

  /** One registrar chosen uniformly at random, or {@code null} when none is known. */
  public TransportAddress pick(RandomGenerator random, long nowNanos) {
    List<TransportAddress> all = registrars(nowNanos);
    return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
  }

  /** Whether {@code registrar} is in the table at {@code nowNanos}. */
  public boolean contains(TransportAddress registrar, long nowNanos) {
    return statics.contains(registrar) || registrars(nowNanos).contains(registrar);
  }

  private void purge(long nowNanos) {
    for (Iterator<Long> i = announced.values().iterator(); i.hasNext(); ) {
      if (i.next() <= nowNanos) i.remove();
    }
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
