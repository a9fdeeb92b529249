package org.rserpool.emulator.handlespace;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A pool's entries by PE identifier: an open-addressing hash table (linear probing, backward-shift
 * deletion) with the identifiers in an {@code int[]} beside the entries. A lookup is the registrar's
 * first step for every re-registration, deregistration and report, and {@code HashMap<Integer, ...>}
 * costs two more cache misses per lookup at 100,000 entries (its node and the boxed key) and about
 * 40 more bytes per entry. Identifier 0 (which a handlespace refuses) is kept aside, as the table uses
 * 0 for a free slot.
 */
final class IdentifierIndex extends AbstractCollection<PoolElementEntry> {
  private static final int MIN_CAPACITY = 8;

  private int[] keys = new int[MIN_CAPACITY];
  private PoolElementEntry[] entries = new PoolElementEntry[MIN_CAPACITY];
  private PoolElementEntry zero;
  private int size;

  @Override
  public int size() {
    return size;
  }

  private int slot(int identifier) {
    // Fibonacci hashing: identifiers are random in practice, but tests and tools use small ones.
    return (identifier * 0x9e3779b9) >>> (Integer.numberOfLeadingZeros(keys.length) + 1);
  }

  PoolElementEntry get(int identifier) {
    if (identifier == 0) return zero;
    int mask = keys.length - 1;
    for (int i = slot(identifier); ; i = (i + 1) & mask) {
      int k = keys[i];
      if (k == identifier) return entries[i];
      if (k == 0) return null;
    }
  }

  /** Adds an entry whose identifier is not yet in the index. */
  void put(PoolElementEntry e) {
    int identifier = e.identifier;
    if (identifier == 0) {
      if (zero != null) throw new IllegalStateException("identifier 0 present");
      zero = e;
      size++;
      return;
    }
    if (2 * (size + 1) > keys.length) grow();
    int mask = keys.length - 1;
    int i = slot(identifier);
    while (keys[i] != 0) {
      if (keys[i] == identifier) throw new IllegalStateException("identifier present: " + identifier);
      i = (i + 1) & mask;
    }
    keys[i] = identifier;
    entries[i] = e;
    size++;
  }

  void remove(int identifier) {
    if (identifier == 0) {
      if (zero != null) size--;
      zero = null;
      return;
    }
    int mask = keys.length - 1;
    int i = slot(identifier);
    while (keys[i] != identifier) {
      if (keys[i] == 0) return;
      i = (i + 1) & mask;
    }
    size--;
    // Backward-shift deletion: move later entries of the probe run into the hole, so that lookups
    // never need tombstones.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
      int home = slot(keys[j]);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!stays) {
        keys[hole] = keys[j];
        entries[hole] = entries[j];
        hole = j;
      }
    }
    keys[hole] = 0;
    entries[hole] = null;
    if (keys.length > MIN_CAPACITY && 8 * size < keys.length) shrink();
  }

  private void grow() {
    rehash(keys.length * 2);
  }

  private void shrink() {
    rehash(keys.length / 2);
  }

  private void rehash(int capacity) {
    int[] oldKeys = keys;
    PoolElementEntry[] oldEntries = entries;
    keys = new int[capacity];
    entries = new PoolElementEntry[capacity];
    int mask = capacity - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] == 0) continue;
      int i = slot(oldKeys[j]);
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = oldKeys[j];
      entries[i] = oldEntries[j];
    }
  }

  @Override
  public Iterator<PoolElementEntry> iterator() {
    return new Iterator<>() {
      private final PoolElementEntry[] table = entries;
      private int next = zero != null ? -1 : advance(0);
      private final int expectedSize = size;

      private int advance(int from) {
        int i = from;
        while (i < table.length && table[i] == null) i++;
        return i;
      }

      @Override
      public boolean hasNext() {
        return next < table.length;
      }

      @Override
      public PoolElementEntry next() {
        if (expectedSize != size || table != entries) throw new java.util.ConcurrentModificationException();
        if (next >= table.length) throw new NoSuchElementException();
        PoolElementEntry e = next < 0 ? zero : table[next];
        next = advance(next + 1);
        return e;
      }
    };
  }

  /** The table capacity (tests). */
  int capacity() {
    return keys.length;
  }

  @Override
  public String toString() {
    return "IdentifierIndex" + Arrays.toString(toArray());
  }
}
