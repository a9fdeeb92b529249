package org.rserpool.emulator.handlespace;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * A registrar's handlespace: pool handle to pool to pool elements. Plain Java, no actors, one owner
 * thread (the registrar actor). This first version selects by round robin only; a pool element with
 * another policy is refused with rsplib's "unsupported pool policy" cause.
 */
public final class Handlespace {
  /** The outcome of a registration: accepted (cause 0), as a new entry or an update, or refused with a cause. */
  public record RegistrationResult(int cause, boolean newEntry) {
    public boolean accepted() {
      return cause == 0;
    }
  }

  private final Map<PoolHandle, Pool> pools = new HashMap<>();
  private int poolElementCount;

  /**
   * Registers a pool element, or re-registers it when the pool already holds its identifier. The first
   * pool element of a pool fixes its policy, transport type and data/control configuration; a later
   * one that differs is refused (RFC 5352 §3.1), with the causes checked in rsplib's order.
   */
  public RegistrationResult register(PoolHandle handle, PoolElementParameter pe, long nowNanos) {
    if (handle.value().length() == 0 || handle.value().length() > PoolHandle.MAX_LENGTH) {
      return refused(CauseCode.RSPLIB_INVALID_POOL_HANDLE);
    }
    if (pe.identifier() == 0) return refused(CauseCode.RSPLIB_INVALID_ID);
    if (pe.policy().type() != PolicyType.ROUND_ROBIN) return refused(CauseCode.RSPLIB_UNSUPPORTED_POOL_POLICY);
    Pool pool = pools.get(handle);
    if (pool != null) {
      if (pool.transportType() != pe.userTransport().getClass()) return refused(CauseCode.INCONSISTENT_TRANSPORT_TYPE);
      if (pool.transportUse() != Pool.transportUse(pe)) return refused(CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION);
      if (pool.policyType() != pe.policy().type()) return refused(CauseCode.INCONSISTENT_POOLING_POLICY);
      PoolElementEntry existing = pool.find(pe.identifier());
      if (existing != null) {
        existing.update(pe, nowNanos);
        return new RegistrationResult(0, false);
      }
    } else {
      pool = new Pool(handle, pe);
      pools.put(handle, pool);
    }
    pool.add(pe, nowNanos);
    poolElementCount++;
    return new RegistrationResult(0, true);
  }

  private static RegistrationResult refused(int cause) {
    return new RegistrationResult(cause, false);
  }

  /** Removes a pool element; a pool disappears with its last element. Returns whether it was there. */
  public boolean deregister(PoolHandle handle, int identifier) {
    Pool pool = pools.get(handle);
    if (pool == null || pool.remove(identifier) == null) return false;
    poolElementCount--;
    if (pool.size() == 0) pools.remove(handle);
    return true;
  }

  /**
   * Selects up to {@code items} pool elements of a pool by its policy; empty when the pool is unknown.
   *
   * @param maxIncrement how many of the selected entries advance the policy state; 0 = the policy's default (1)
   */
  public List<PoolElementParameter> select(PoolHandle handle, int items, int maxIncrement) {
    Pool pool = pools.get(handle);
    if (pool == null) return List.of();
    return pool.selectRoundRobin(items, maxIncrement == 0 ? 1 : maxIncrement);
  }

  public Pool pool(PoolHandle handle) {
    return pools.get(handle);
  }

  public Collection<Pool> pools() {
    return pools.values();
  }

  public int poolCount() {
    return pools.size();
  }

  public int poolElementCount() {
    return poolElementCount;
  }
}
