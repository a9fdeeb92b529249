package org.rserpool.emulator.handlespace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;

/**
 * One pool: its handle, the policy, transport type and data/control configuration its first pool
 * element fixed (RFC 5352 §3.1), and its pool elements in selection order.
 */
public final class Pool {
  private final PoolHandle handle;
  private final PolicyType policyType;
  private final Class<?> transportType;
  private final TransportUse transportUse;
  private final Map<Integer, PoolElementEntry> byIdentifier = new HashMap<>();
  /** Selection order: rsplib's SeqNumber ascending (poolpolicy-template_impl.h, round robin). */
  private final TreeMap<Long, PoolElementEntry> bySequence = new TreeMap<>();
  private long nextSequenceNumber;

  Pool(PoolHandle handle, PoolElementParameter first) {
    this.handle = handle;
    this.policyType = first.policy().type();
    this.transportType = first.userTransport().getClass();
    this.transportUse = transportUse(first);
  }

  static TransportUse transportUse(PoolElementParameter pe) {
    return pe.userTransport() instanceof SctpTransport s ? s.transportUse() : TransportUse.DATA_ONLY;
  }

  public PoolHandle handle() {
    return handle;
  }

  public PolicyType policyType() {
    return policyType;
  }

  Class<?> transportType() {
    return transportType;
  }

  TransportUse transportUse() {
    return transportUse;
  }

  public int size() {
    return byIdentifier.size();
  }

  public PoolElementEntry find(int identifier) {
    return byIdentifier.get(identifier);
  }

  public Collection<PoolElementEntry> poolElements() {
    return bySequence.values();
  }

  /** Adds a new entry at the end of the selection order. */
  PoolElementEntry add(PoolElementParameter pe, long nowNanos) {
    PoolElementEntry entry = new PoolElementEntry(pe, nextSequenceNumber++, nowNanos);
    byIdentifier.put(pe.identifier(), entry);
    bySequence.put(entry.sequenceNumber(), entry);
    return entry;
  }

  PoolElementEntry remove(int identifier) {
    PoolElementEntry entry = byIdentifier.remove(identifier);
    if (entry != null) bySequence.remove(entry.sequenceNumber());
    return entry;
  }

  /**
   * Round robin as rsplib selects: the first {@code items} entries in sequence order; the first
   * {@code maxIncrement} of them get a new, highest sequence number, which moves the pool's pointer on.
   */
  List<PoolElementParameter> selectRoundRobin(int items, int maxIncrement) {
    int n = Math.min(items, bySequence.size());
    List<PoolElementParameter> selected = new ArrayList<>(n);
    List<PoolElementEntry> toAdvance = new ArrayList<>(Math.min(n, maxIncrement));
    Iterator<PoolElementEntry> it = bySequence.values().iterator();
    for (int i = 0; i < n; i++) {
      PoolElementEntry e = it.next();
      selected.add(e.parameter());
      if (i < maxIncrement) toAdvance.add(e);
    }
    for (PoolElementEntry e : toAdvance) {
      bySequence.remove(e.sequenceNumber());
      e.sequenceNumber(nextSequenceNumber++);
      bySequence.put(e.sequenceNumber(), e);
    }
    return selected;
  }
}
