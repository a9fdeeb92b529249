package org.rserpool.emulator.protocol.param;

import java.util.List;

/** One pool of an ENRP_HANDLE_TABLE_RESPONSE (RFC 5353 §2.3): a pool handle and one or more pool elements. */
public record PoolEntry(PoolHandle poolHandle, List<PoolElementParameter> poolElements) {
  public PoolEntry {
    if (poolHandle == null) throw new IllegalArgumentException("pool handle is required");
    poolElements = List.copyOf(poolElements);
  }
}
