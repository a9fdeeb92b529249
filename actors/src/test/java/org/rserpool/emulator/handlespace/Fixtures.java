package org.rserpool.emulator.handlespace;

import java.util.List;
import java.util.SplittableRandom;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;

/** Pool elements and handlespaces for the handlespace tests. */
final class Fixtures {
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final int HOME = 0x0a0b0c0d;

  private Fixtures() {}

  static Handlespace handlespace() {
    return handlespace(CauseSet.RFC_5354, true);
  }

  static Handlespace handlespace(CauseSet causes, boolean updateOnRelink) {
    return new Handlespace(new Handlespace.Options(causes, updateOnRelink), new SplittableRandom(42));
  }

  /** RFC 5356 §3.1 fraction encoding, e.g. 0.2 -> rint(0.2 x 0xffffffff). */
  static long f(double fraction) {
    return SelectionPolicy.fraction(fraction);
  }

  static PoolElementParameter pe(int id, SelectionPolicy policy) {
    return pe(id, HOME, policy);
  }

  static PoolElementParameter pe(int id, int home, SelectionPolicy policy) {
    Ipv4Address address = Ipv4Address.of(10, 1, 16 + (id >>> 8 & 0x3f), id & 0xff);
    return new PoolElementParameter(id, home, 30_000, SctpTransport.of(address, 1024, TransportUse.DATA_ONLY), policy,
        SctpTransport.of(address, 3863, TransportUse.DATA_ONLY));
  }

  static PoolElementParameter pe(int id, PolicyType type) {
    return pe(id, SelectionPolicy.of(type));
  }

  static SelectionPolicy weighted(PolicyType type, long weight) {
    return new SelectionPolicy(type, weight, 0, 0, 0, 0, 0);
  }

  static SelectionPolicy loaded(PolicyType type, double load, double loadDegradation) {
    return new SelectionPolicy(type, 0, f(load), f(loadDegradation), 0, 0, 0);
  }

  static List<Integer> ids(List<PoolElementEntry> entries) {
    return entries.stream().map(PoolElementEntry::identifier).toList();
  }

  /** Registers and fails the test on a refusal. */
  static PoolElementEntry register(Handlespace hs, PoolElementParameter pe) {
    RegistrationResult r = hs.register(POOL, pe, 0);
    if (!r.accepted()) throw new AssertionError("refused: " + r);
    return r.entry();
  }
}
