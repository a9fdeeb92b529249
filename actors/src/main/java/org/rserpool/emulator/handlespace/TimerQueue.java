package org.rserpool.emulator.handlespace;

import java.util.Arrays;

/**
 * The entries with a running timer, earliest first: a binary heap over the entries themselves (each
 * knows its slot), so starting, stopping and taking the first timer are O(log N) and allocate nothing.
 * Ties are broken as rsplib orders its timer storage: by PE identifier, then pool handle
 * (poolElementTimerStorageNodeComparison), so equal times fire in a reproducible order.
 */
final class TimerQueue {
  private PoolElementEntry[] heap = new PoolElementEntry[16];
  private int size;

  int size() {
    return size;
  }

  PoolElementEntry first() {
    return size == 0 ? null : heap[0];
  }

  void start(PoolElementEntry e, EntryTimer kind, long atNanos) {
    if (e.timerIndex >= 0) stop(e);
    e.timer = kind;
    e.timerNanos = atNanos;
    if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
    e.timerIndex = size;
    heap[size++] = e;
    up(e.timerIndex);
  }

  void stop(PoolElementEntry e) {
    int i = e.timerIndex;
    if (i < 0) return;
    PoolElementEntry last = heap[--size];
    heap[size] = null;
    if (i != size) {
      heap[i] = last;
      last.timerIndex = i;
      if (!up(i)) down(i);
    }
    e.timerIndex = -1;
    e.timer = null;
  }

  private static boolean before(PoolElementEntry a, PoolElementEntry b) {
    if (a.timerNanos != b.timerNanos) return a.timerNanos < b.timerNanos;
    if (a.identifier != b.identifier) return Integer.compareUnsigned(a.identifier, b.identifier) < 0;
    return Handlespace.compareHandles(a.pool.handle(), b.pool.handle()) < 0;
  }

  private boolean up(int i) {
    PoolElementEntry e = heap[i];
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      PoolElementEntry p = heap[parent];
      if (!before(e, p)) break;
      heap[i] = p;
      p.timerIndex = i;
      i = parent;
    }
    heap[i] = e;
    e.timerIndex = i;
    return i != start;
  }

  private void down(int i) {
    PoolElementEntry e = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child + 1], heap[child])) child++;
      if (!before(heap[child], e)) break;
      heap[i] = heap[child];
      heap[i].timerIndex = i;
      i = child;
    }
    heap[i] = e;
    e.timerIndex = i;
  }
}
