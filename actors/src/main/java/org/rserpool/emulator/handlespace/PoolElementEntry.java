package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/**
 * A pool element as a pool holds it: its last registered parameter (identifier, home registrar,
 * registration life, transports, policy values) and the selection state rsplib keeps beside it
 * (poolelementnode-template.h). Its node in the pool's selection tree is a separate small object
 * (see {@link SelectionNode}); the entry itself is the node of its owner's list and of the
 * handlespace's timer queue, so no operation but a new registration allocates a node.
 *
 * <p>Single-threaded, like the handlespace that owns it; callers read it, only the package changes it.
 */
public final class PoolElementEntry implements OwnershipChecksum.Contributor {
  final int identifier;
  Pool pool; // null once removed
  PoolElementParameter parameter;
  long lastUpdateNanos;

  // Selection state. RoundCounter, VirtualCounter and Degradation are unsigned 32-bit values in
  // rsplib; they are held in longs and kept within 0..2^32-1 as rsplib keeps them. The sequence
  // number is in the node.
  long roundCounter;
  long virtualCounter;
  long degradation;
  long selectionCounter;
  final SelectionNode node = new SelectionNode(this);

  // Owner list (the handlespace's per-registrar ownership set) and resynchronisation mark.
  PoolElementEntry ownerPrevious;
  PoolElementEntry ownerNext;
  boolean marked;
  int unreachabilityReports;

  // Timer queue slot (rsplib keeps one timer per entry, too).
  EntryTimer timer;
  long timerNanos;
  int timerIndex = -1;

  PoolElementEntry(PoolElementParameter parameter, long nowNanos) {
    this.identifier = parameter.identifier();
    this.parameter = parameter;
    this.lastUpdateNanos = nowNanos;
  }

  @Override
  public int identifier() {
    return identifier;
  }

  /** The pool it belongs to, or {@code null} once it has been removed. */
  public Pool pool() {
    return pool;
  }

  /** Whether it still belongs to a pool (a removed entry stays readable). */
  public boolean isRegistered() {
    return pool != null;
  }

  @Override
  public PoolHandle poolHandle() {
    return pool == null ? null : pool.handle();
  }

  /** The last registered parameter, with the home registrar and ASAP transport the registrar set. */
  public PoolElementParameter parameter() {
    return parameter;
  }

  public SelectionPolicy policy() {
    return parameter.policy();
  }

  /** The home registrar (owner) of this pool element: its parameter's home ENRP server identifier. */
  public int owner() {
    return parameter.homeEnrpServerIdentifier();
  }

  /** Registration life in milliseconds, as rsplib and Wireshark read the field. */
  public int registrationLifeMillis() {
    return parameter.registrationLife();
  }

  /** Emulated time of the last (re-)registration or update. */
  public long lastUpdateNanos() {
    return lastUpdateNanos;
  }

  /** When the registration life runs out: last update + registration life (rsplib PENT_EXPIRY). */
  public long expiryNanos() {
    return lastUpdateNanos + Integer.toUnsignedLong(parameter.registrationLife()) * 1_000_000L;
  }

  /** Accumulated load degradation (LUD family), as a fraction scaled to 0..0xffffffff. */
  public long degradation() {
    return degradation;
  }

  /** How often the policy has selected this entry. */
  public long selectionCounter() {
    return selectionCounter;
  }

  /** The position key among equals: rsplib's SeqNumber (unsigned 32 bits). */
  public long sequenceNumber() {
    return Integer.toUnsignedLong(node.sequenceNumber);
  }

  /** The weight of the entry in a weighted random draw (value-tree policies; 0 for the others). */
  public long selectionValue() {
    return node.valueUnsigned();
  }

  /** Weighted round robin: the round this entry is in. */
  public long roundCounter() {
    return roundCounter;
  }

  /** Weighted round robin: selections left in the current round. */
  public long virtualCounter() {
    return virtualCounter;
  }

  /** Whether a resynchronisation marked it (cleared by the next registration or update of it). */
  public boolean isMarked() {
    return marked;
  }

  /** ASAP_ENDPOINT_UNREACHABLE reports received for this entry (rsplib UnreachabilityReports). */
  public int unreachabilityReports() {
    return unreachabilityReports;
  }

  /** Counts one more unreachability report and returns the new count. */
  public int reportUnreachable() {
    return ++unreachabilityReports;
  }

  /** The running timer, or {@code null}. */
  public EntryTimer timer() {
    return timer;
  }

  /** When the running timer fires (meaningless without one). */
  public long timerNanos() {
    return timerNanos;
  }

  @Override
  public String toString() {
    return (pool == null ? "(removed) " : pool.handle() + "/") + parameter;
  }
}
