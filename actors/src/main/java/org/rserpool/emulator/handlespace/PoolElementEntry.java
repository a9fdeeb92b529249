package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.PoolElementParameter;

/** A pool element as a handlespace holds it: its last registered parameter and its place in the selection order. */
public final class PoolElementEntry {
  private PoolElementParameter parameter;
  private long sequenceNumber;
  private long lastUpdateNanos;

  PoolElementEntry(PoolElementParameter parameter, long sequenceNumber, long nowNanos) {
    this.parameter = parameter;
    this.sequenceNumber = sequenceNumber;
    this.lastUpdateNanos = nowNanos;
  }

  public int identifier() {
    return parameter.identifier();
  }

  public PoolElementParameter parameter() {
    return parameter;
  }

  /** Emulated time of the last (re-)registration. */
  public long lastUpdateNanos() {
    return lastUpdateNanos;
  }

  long sequenceNumber() {
    return sequenceNumber;
  }

  void sequenceNumber(long value) {
    sequenceNumber = value;
  }

  void update(PoolElementParameter newParameter, long nowNanos) {
    parameter = newParameter;
    lastUpdateNanos = nowNanos;
  }
}
