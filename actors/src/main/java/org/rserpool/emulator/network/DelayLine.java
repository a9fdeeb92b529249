package org.rserpool.emulator.network;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deliveries at their due time on one dedicated thread, instead of one Akka timer per message:
 * Akka's scheduler adds about 20 ms at its default tick, a parked thread about 0.1 ms
 * (java-stack.md §3.3). Deliveries with the same due time run in submission order, so a constant delay
 * keeps the order of the messages between two endpoints.
 */
public final class DelayLine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DelayLine.class);
  private record Scheduled(long dueRealNanos, long sequence, Runnable delivery) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(dueRealNanos, o.dueRealNanos);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;
  private long sequence;
  private volatile boolean closed;

  public DelayLine(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code delivery} on the delay-line thread once {@code realDelayNanos} have passed. */
  public void schedule(long realDelayNanos, Runnable delivery) {
    long due = System.nanoTime() + Math.max(0, realDelayNanos);
    lock.lock();
    try {
      if (closed) return;
      Scheduled s = new Scheduled(due, sequence++, delivery);
      queue.add(s);
      if (queue.peek() == s) changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Deliveries not yet due. */
  public int pending() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!closed) {
      Scheduled next;
      lock.lock();
      try {
        next = queue.peek();
        if (next == null) {
          changed.awaitUninterruptibly();
          continue;
        }
        long wait = next.dueRealNanos - System.nanoTime();
        if (wait > 0) {
          changed.awaitNanos(wait);
          continue;
        }
        queue.poll();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        next.delivery.run();
      } catch (RuntimeException e) {
        // A failing delivery must not stop the delay line for everyone else.
        LOG.error("delivery failed", e);
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
  }
}
