package org.rserpool.emulator.protocol.param;

import java.util.List;

/**
 * One pool of an ENRP_HANDLE_TABLE_RESPONSE (RFC 5353 §2.3): a pool handle and one or more pool elements
 * (on the wire the handle is followed by its elements, so an entry without elements cannot be sent).
 */
public record PoolEntry(PoolHandle poolHandle, List<PoolElementParameter> poolElements) {
  public PoolEntry {
    if (poolHandle == null) throw new IllegalArgumentException("pool handle is required");
    poolElements = List.copyOf(poolElements);
    if (poolElements.isEmpty()) throw new IllegalArgumentException("a pool entry holds one or more pool elements");
  }
}
