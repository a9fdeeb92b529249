package org.rserpool.emulator.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.handlespace.Pool;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * A registrar's whole handlespace as rsplib's {@code hsdump} shows it: every pool with its policy, every
 * pool element with its identifier, home registrar, user transport, policy values, registration life
 * and timer, and the ownership checksum of every owner (RFC 5353 §3.6.2). The answer to
 * {@link Registrar.GetHandlespace}; the REST control endpoint serves it.
 *
 * @param pools sorted by pool handle
 * @param owners sorted by server ID (unsigned), as in {@link RegistrarSummary#owners()}
 * @param emulatedNanos when it was taken, on the emulation clock
 */
public record HandlespaceDump(
    String name, int serverId, long emulatedNanos, List<PoolDump> pools, List<RegistrarSummary.OwnerRecord> owners, long digest)
    implements ClusterSerializable {

  public HandlespaceDump {
    pools = List.copyOf(pools);
    owners = List.copyOf(owners);
  }

  /** One pool: its handle, policy and elements (sorted by identifier, unsigned). */
  public record PoolDump(String poolHandle, String policy, List<ElementDump> poolElements) implements ClusterSerializable {
    public PoolDump {
      poolElements = List.copyOf(poolElements);
    }
  }

  /**
   * One pool element.
   *
   * @param transport the user transport, e.g. {@code sctp 10.1.16.1:7} (RFC 5354 §3.3-§3.7)
   * @param policy the policy type and its value words as registered (RFC 5356), e.g. {@code weight=10}
   * @param registrationLifeMillis the registration life it asked for (RFC 5354 §3.9)
   * @param timer the running entry timer (keep-alive, expiry), or {@code null}
   * @param timerDueNanos when that timer is due, emulated, or -1
   * @param unreachabilityReports ENDPOINT_UNREACHABLE reports counted against it (MaxBadPEReports)
   */
  public record ElementDump(
      int identifier, int home, String transport, String policy, long load, long weight, long distance,
      int registrationLifeMillis, long lastUpdateNanos, String timer, long timerDueNanos, int unreachabilityReports)
      implements ClusterSerializable {}

  static HandlespaceDump of(String name, int serverId, long nowNanos, Handlespace hs) {
    List<PoolDump> pools = new ArrayList<>();
    for (Pool pool : hs.pools()) {
      List<ElementDump> elements = new ArrayList<>(pool.size());
      for (PoolElementEntry e : pool.entries()) {
        SelectionPolicy p = e.policy();
        elements.add(new ElementDump(e.identifier(), e.owner(), transport(e.parameter().userTransport()), policy(p),
            p.load(), p.weight(), p.distance(), e.registrationLifeMillis(), e.lastUpdateNanos(),
            e.timer() == null ? null : e.timer().name(), e.timer() == null ? -1 : e.timerNanos(), e.unreachabilityReports()));
      }
      elements.sort(Comparator.comparing(ElementDump::identifier, Integer::compareUnsigned));
      pools.add(new PoolDump(pool.handle().toString(), pool.policyType().name(), elements));
    }
    pools.sort(Comparator.comparing(PoolDump::poolHandle));
    RegistrarSummary summary = RegistrarSummary.of(name, serverId, false, hs, new PeerList(serverId));
    return new HandlespaceDump(name, serverId, nowNanos, pools, summary.owners(), summary.digest());
  }

  /** The policy in RFC 5356's words with its non-zero values, e.g. {@code WEIGHTED_RANDOM weight=10}. */
  static String policy(SelectionPolicy p) {
    StringBuilder b = new StringBuilder(p.type().name());
    long[] words = p.words();
    for (int i = 0; i < words.length; i++) {
      b.append(' ').append(p.type().valueWords().get(i).name().toLowerCase().replace('_', '-')).append('=').append(words[i]);
    }
    return b.toString();
  }

  static String transport(TransportParameter t) {
    if (t instanceof SctpTransport s) return "sctp " + addresses(s.addresses()) + ":" + s.port();
    if (t instanceof TcpTransport s) return "tcp " + s.address() + ":" + s.port();
    if (t instanceof UdpTransport s) return "udp " + s.address() + ":" + s.port();
    if (t instanceof UdpLiteTransport s) return "udp-lite " + s.address() + ":" + s.port();
    if (t instanceof DccpTransport s) return "dccp " + s.address() + ":" + s.port();
    return "opaque " + ((OpaqueTransport) t).value();
  }

  private static String addresses(List<AddressParameter> addresses) {
    StringBuilder b = new StringBuilder();
    for (AddressParameter a : addresses) {
      if (b.length() > 0) b.append(',');
      b.append(a);
    }
    return b.toString();
  }
}
