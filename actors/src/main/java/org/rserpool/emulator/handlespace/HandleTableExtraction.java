package org.rserpool.emulator.handlespace;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * A handle table being sent in ENRP_HANDLE_TABLE_RESPONSE chunks (RFC 5353 §2.4, M bit): the
 * continuation a registrar keeps per requesting peer between requests, as rsplib keeps its
 * HandleTableExtract in the peer's node.
 *
 * <p>It lists the entries that existed when the extraction began, in (pool handle, PE identifier)
 * order, and hands them out in chunks. Each chunk shows an entry's current parameter; entries removed
 * meanwhile (or, for an owner's table, moved to another owner) are skipped. So every entry that stays
 * is sent exactly once; entries registered after the start are not sent (their ENRP_HANDLE_UPDATE
 * reaches the peer anyway), as with rsplib, whose cursor resumes after the last (handle, identifier) sent.
 */
public final class HandleTableExtraction {
  /** rsplib NTE_MAX_POOL_ELEMENT_NODES: the most pool elements one extraction step returns. */
  public static final int MAX_ENTRIES_PER_CHUNK = 1024;

  /** Decides whether the next entry still fits the message (a registrar's byte budget). */
  @FunctionalInterface
  public interface Budget {
    /**
     * Asked for every entry of a chunk in turn, the first one included, so that a budget can count
     * what the chunk holds.
     *
     * @param newPool whether the entry opens a new pool entry (costs a Pool Handle parameter too)
     * @return whether it fits; the first entry of a chunk is taken whatever the answer, so a transfer
     *     always progresses
     */
    boolean fits(PoolHandle handle, boolean newPool, PoolElementParameter poolElement);
  }

  private static final Budget UNLIMITED = (handle, newPool, pe) -> true;

  private final PoolElementEntry[] entries;
  private final int owner;
  private final boolean ownedOnly;
  private int position;

  HandleTableExtraction(PoolElementEntry[] entries, boolean ownedOnly, int owner) {
    this.entries = entries;
    this.ownedOnly = ownedOnly;
    this.owner = owner;
  }

  /**
   * One chunk of at most {@code maxEntries} pool elements (capped at 1024 as rsplib does).
   *
   * @param maxEntries rsplib MaxElementsPerHTRequest (default 128)
   */
  public HandleTableChunk next(int maxEntries) {
    return next(maxEntries, UNLIMITED);
  }

  /** One chunk of at most {@code maxEntries} pool elements, stopping earlier when the budget says so. */
  public HandleTableChunk next(int maxEntries, Budget budget) {
    if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    int limit = Math.min(maxEntries, MAX_ENTRIES_PER_CHUNK);
    List<PoolEntry> pools = new ArrayList<>();
    List<PoolElementParameter> current = null;
    PoolHandle currentHandle = null;
    int count = 0;
    skipStale();
    while (position < entries.length && count < limit) {
      PoolElementEntry e = entries[position];
      PoolHandle handle = e.pool.handle();
      boolean newPool = !handle.equals(currentHandle);
      boolean fits = budget.fits(handle, newPool, e.parameter);
      if (count > 0 && !fits) break;
      if (newPool) {
        if (current != null) pools.add(new PoolEntry(currentHandle, current));
        current = new ArrayList<>();
        currentHandle = handle;
      }
      current.add(e.parameter);
      count++;
      position++;
      skipStale();
    }
    if (current != null) pools.add(new PoolEntry(currentHandle, current));
    return new HandleTableChunk(pools, count, position < entries.length);
  }

  /** Whether all entries have been handed out. */
  public boolean finished() {
    skipStale();
    return position >= entries.length;
  }

  private void skipStale() {
    while (position < entries.length && stale(entries[position])) position++;
  }

  private boolean stale(PoolElementEntry e) {
    return e.pool == null || (ownedOnly && e.owner() != owner);
  }

  /**
   * One ENRP_HANDLE_TABLE_RESPONSE's worth of the handle table.
   *
   * @param poolEntries the pools with their pool elements, in the order sent
   * @param poolElementCount how many pool elements in all
   * @param moreToSend the M bit: entries remain for another request. Exact, unlike rsplib, which sets it
   *     whenever a chunk is full, so that a table of exactly a multiple of the limit ends with an empty
   *     response; a receiver handles both.
   */
  public record HandleTableChunk(List<PoolEntry> poolEntries, int poolElementCount, boolean moreToSend) {
    public HandleTableChunk {
      poolEntries = List.copyOf(poolEntries);
    }
  }
}
