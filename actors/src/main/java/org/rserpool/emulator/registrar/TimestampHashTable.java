package org.rserpool.emulator.registrar;

/**
 * rsplib's time stamp hash table (timestamphashtable.c), which RSPSIM's registrar uses unchanged: per
 * bucket the last few time stamps of an event, from which a rate is estimated. A registrar keeps one
 * per pool user and kind of request to enforce MaxHRRate and MaxEURate.
 *
 * <p>Behaviour as rsplib's: a bucket that is full drops its oldest time stamp; a time stamp earlier
 * than the bucket's newest is not recorded; the rate is entries / (newest - oldest), 0 with fewer than
 * two entries, and infinite when they all have the same time. Not thread-safe.
 */
final class TimestampHashTable {
  private final long[][] stamps;
  private final int[] entries;

  TimestampHashTable(int buckets, int maxEntries) {
    if (buckets < 1 || maxEntries < 1) throw new IllegalArgumentException("buckets and entries must be at least 1");
    this.stamps = new long[buckets][maxEntries];
    this.entries = new int[buckets];
  }

  /** Records an event at {@code nowNanos}; returns false when it was out of order and not recorded. */
  boolean add(int hash, long nowNanos) {
    int b = bucket(hash);
    long[] s = stamps[b];
    int n = entries[b];
    if (n > 0 && s[n - 1] > nowNanos) return false;
    if (n < s.length) {
      s[n] = nowNanos;
      entries[b] = n + 1;
    } else {
      System.arraycopy(s, 1, s, 0, n - 1);
      s[n - 1] = nowNanos;
    }
    return true;
  }

  /** Events per second in the bucket of {@code hash}. */
  double rate(int hash) {
    int b = bucket(hash);
    int n = entries[b];
    if (n < 2) return 0;
    long duration = stamps[b][n - 1] - stamps[b][0];
    return n / (duration / 1e9);
  }

  private int bucket(int hash) {
    return Integer.remainderUnsigned(hash, entries.length);
  }
}
