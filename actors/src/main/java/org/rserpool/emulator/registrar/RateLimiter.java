package org.rserpool.emulator.registrar;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * One of the registrar's DoS countermeasures, MaxHRRate or MaxEURate (rsplib rspregistrar-security.c;
 * RSPSIM registrarprocess.cc): each pool user, known by its transport address as RSPSIM knows it (rsplib:
 * by its association), has a {@link TimestampHashTable}; a request is noted under the hash of its pool
 * handle and PE identifier, and refused when the rate in that bucket exceeds the limit.
 *
 * <p>The table of pool users is bounded: beyond {@value #MAX_POOL_USERS} the least recently heard one is
 * forgotten, so that an attacker with ever new ports cannot grow it without limit. Not thread-safe.
 */
final class RateLimiter {
  static final int MAX_POOL_USERS = 65_536;

  private final RegistrarSettings.RateLimit limit;
  private final Map<TransportAddress, TimestampHashTable> poolUsers = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<TransportAddress, TimestampHashTable> eldest) {
      return size() > MAX_POOL_USERS;
    }
  };

  RateLimiter(RegistrarSettings.RateLimit limit) {
    this.limit = limit;
  }

  /**
   * Notes a request of {@code poolUser} and says whether it stays within the limit (always, when the
   * limit is off).
   *
   * @param peIdentifier 0 for handle resolutions, and for unreachability reports too: rsplib and RSPSIM
   *     rate all reports of a pool user for a pool together ("only pool!")
   */
  boolean permits(TransportAddress poolUser, PoolHandle handle, int peIdentifier, long nowNanos) {
    if (!limit.enabled()) return true;
    TimestampHashTable table = poolUsers.computeIfAbsent(poolUser, u -> new TimestampHashTable(limit.buckets(), limit.maxEntries()));
    int hash = hash(handle, peIdentifier);
    table.add(hash, nowNanos);
    return table.rate(hash) <= limit.maxRate();
  }

  /**
   * rsplib computePHPEHash (poolhandlespacemanagement-basics.c): the handle's 32-bit words, read in the
   * byte order of the x86 hosts rsplib runs on (little-endian), a last partial word zero-filled, XORed
   * together and with the PE identifier.
   */
  static int hash(PoolHandle handle, int peIdentifier) {
    int hash = 0;
    int length = handle.value().length();
    for (int i = 0; i < length; i += 4) {
      int word = 0;
      for (int j = 0; j < 4 && i + j < length; j++) word |= (handle.value().get(i + j) & 0xff) << (8 * j);
      hash ^= word;
    }
    return hash ^ peIdentifier;
  }
}
