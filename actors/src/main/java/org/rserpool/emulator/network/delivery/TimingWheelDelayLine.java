package org.rserpool.emulator.network.delivery;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.jctools.queues.MpscArrayQueue;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.time.DueTimeThread;
import org.rserpool.emulator.time.EmulationClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time delay line: one dedicated thread ({@link DueTimeThread}) with a hashed timing wheel,
 * fed through a lock-free multi-producer queue.
 *
 * <p>Senders (actor threads) compute a packet's real due time ({@link System#nanoTime()} plus the
 * delay divided by the time-scale) and put it in the inbox; they wake the thread only when the new
 * packet is due before the time it sleeps until, so a steady stream costs no system calls. The thread
 * moves packets from the inbox into the wheel: 2^15 slots of 65.5 µs ticks (2.1 s); packets due
 * further ahead wait in a priority queue and enter the wheel as it turns. It then hands every packet
 * that is due to the sink, in slot order and, within a slot, in the order they came, skipping those
 * of the current slot that are not yet due; then it parks until the earliest due time. Parking on
 * Linux wakes about 50-100 µs late; that, not the tick, bounds the lateness.
 *
 * <p>Memory is bounded: the inbox holds {@code inboxCapacity} packets and the wheel {@code
 * maxPending}; beyond either a packet is dropped and reported to the sink as overflow, as a router
 * drops when its buffers are full.
 */
public final class TimingWheelDelayLine implements DelayLine {
  private static final Logger LOG = LoggerFactory.getLogger(TimingWheelDelayLine.class);
  static final int DEFAULT_TICK_SHIFT = 16;
  static final int DEFAULT_WHEEL_BITS = 15;
  private static final long IDLE = DueTimeThread.IDLE;
  private static final int DRAIN_BATCH = 65_536;
  /** A slot array larger than this is released when the slot empties, so a burst does not pin memory. */
  private static final int RETAINED_SLOT_CAPACITY = 1024;

  private static final class Entry {
    final long due;
    final Packet packet;
    long sequence;

    Entry(long due, Packet packet) {
      this.due = due;
      this.packet = packet;
    }
  }

  private final EmulationClock clock;
  private final Sink sink;
  private final MpscArrayQueue<Entry> inbox;
  private final int maxPending;
  private final DueTimeThread thread;
  private volatile int pendingInWheel;

  private final int tickShift;
  private final int wheelSize;
  private final int mask;

  // Owned by the delay-line thread. A slot keeps its packets and their due times in two parallel
  // arrays, in arrival order: scanning a slot reads due times sequentially, without touching packets.
  private final Packet[][] slotPackets;
  private final long[][] slotDues;
  private final int[] sizes;
  private final long[] occupied;
  private final PriorityQueue<Entry> later =
      new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.sequence));
  private long cursorTick;
  private int count;
  private long sequence;

  /**
   * @param inboxCapacity packets that may wait between the senders and the thread
   * @param maxPending packets that may wait for their due time
   */
  public TimingWheelDelayLine(String name, EmulationClock clock, Sink sink, int inboxCapacity, int maxPending) {
    this(name, clock, sink, inboxCapacity, maxPending, DEFAULT_TICK_SHIFT, DEFAULT_WHEEL_BITS);
  }

  /** With a wheel of 2^wheelBits slots of 2^tickShift ns (tests turn a small wheel quickly). */
  TimingWheelDelayLine(String name, EmulationClock clock, Sink sink, int inboxCapacity, int maxPending, int tickShift, int wheelBits) {
    if (wheelBits < 6 || wheelBits > 24) throw new IllegalArgumentException("wheel bits must be in 6..24, got " + wheelBits);
    this.tickShift = tickShift;
    this.wheelSize = 1 << wheelBits;
    this.mask = wheelSize - 1;
    this.slotPackets = new Packet[wheelSize][];
    this.slotDues = new long[wheelSize][];
    this.sizes = new int[wheelSize];
    this.occupied = new long[wheelSize / 64];
    if (inboxCapacity < 2) throw new IllegalArgumentException("inbox capacity must be at least 2, got " + inboxCapacity);
    if (maxPending < 1) throw new IllegalArgumentException("max pending must be at least 1, got " + maxPending);
    this.clock = clock;
    this.sink = sink;
    this.inbox = new MpscArrayQueue<>(inboxCapacity);
    this.maxPending = maxPending;
    this.cursorTick = System.nanoTime() >> tickShift;
    this.thread = new DueTimeThread(name, new DueTimeThread.Work() {
      @Override
      public long step() {
        return TimingWheelDelayLine.this.step();
      }

      @Override
      public boolean hasInput() {
        return !inbox.isEmpty();
      }
    }, false);
    thread.start();
  }

  /** A factory with the given bounds. */
  public static Factory factory(int inboxCapacity, int maxPending) {
    return (clock, sink) -> new TimingWheelDelayLine("emulated-network-delay-line", clock, sink, inboxCapacity, maxPending);
  }

  @Override
  public boolean schedule(long emulatedDelayNanos, Packet packet) {
    long due = System.nanoTime() + clock.toRealNanos(emulatedDelayNanos);
    if (thread.closed() || !inbox.offer(new Entry(due, packet))) return false;
    // The offer is a full fence (a CAS): the thread sees the packet, or is woken if it is earlier.
    thread.wakeIfBefore(due);
    return true;
  }

  @Override
  public int pending() {
    return pendingInWheel + inbox.size();
  }

  @Override
  public void close() {
    thread.close();
  }

  /** One round of the thread: take in, hand over what is due; the next due time (any while the inbox has more). */
  private long step() {
    long now = System.nanoTime();
    drain();
    fire(now);
    pendingInWheel = count;
    return inbox.isEmpty() ? nextDue() : now;
  }

  private void drain() {
    for (int i = 0; i < DRAIN_BATCH; i++) {
      Entry e = inbox.relaxedPoll();
      if (e == null) return;
      if (count >= maxPending) {
        sink.overflow(e.packet);
        continue;
      }
      insert(e);
    }
  }

  private void insert(Entry e) {
    long tick = e.due >> tickShift;
    count++;
    if (tick >= cursorTick + wheelSize) {
      e.sequence = sequence++;
      later.add(e);
      return;
    }
    // Already due: it goes behind whatever the current slot holds, and leaves in this round.
    add((int) (Math.max(tick, cursorTick) & mask), e);
  }

  private void add(int slot, Entry e) {
    Packet[] packets = slotPackets[slot];
    long[] dues = slotDues[slot];
    int n = sizes[slot];
    if (packets == null) {
      packets = slotPackets[slot] = new Packet[16];
      dues = slotDues[slot] = new long[16];
    } else if (n == packets.length) {
      packets = slotPackets[slot] = Arrays.copyOf(packets, n * 2);
      dues = slotDues[slot] = Arrays.copyOf(dues, n * 2);
    }
    packets[n] = e.packet;
    dues[n] = e.due;
    sizes[slot] = n + 1;
    occupied[slot >>> 6] |= 1L << slot;
  }

  private void fire(long now) {
    long nowTick = now >> tickShift;
    while (true) {
      int slot = (int) (cursorTick & mask);
      if (sizes[slot] > 0) fireSlot(slot, cursorTick < nowTick ? Long.MAX_VALUE : now);
      if (cursorTick >= nowTick) return;
      long next = nextOccupiedTick(cursorTick + 1, nowTick);
      cursorTick = next < 0 ? nowTick : next;
      promote();
    }
  }

  /** Hands the slot's packets due by {@code now} to the sink, keeping the others in order. */
  private void fireSlot(int slot, long now) {
    Packet[] packets = slotPackets[slot];
    long[] dues = slotDues[slot];
    int n = sizes[slot];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long due = dues[i];
      Packet p = packets[i];
      packets[i] = null;
      if (due <= now) {
        count--;
        try {
          sink.deliver(p, System.nanoTime() - due);
        } catch (RuntimeException ex) {
          LOG.error("delivery of {} failed", p, ex);
        }
      } else {
        packets[kept] = p;
        dues[kept++] = due;
      }
    }
    sizes[slot] = kept;
    if (kept == 0) {
      occupied[slot >>> 6] &= ~(1L << slot);
      if (packets.length > RETAINED_SLOT_CAPACITY) {
        slotPackets[slot] = null;
        slotDues[slot] = null;
      }
    }
  }

  /** Moves packets from the far-future queue into the wheel once their slot is within one turn. */
  private void promote() {
    Entry e;
    while ((e = later.peek()) != null && (e.due >> tickShift) < cursorTick + wheelSize) {
      later.poll();
      add((int) (Math.max(e.due >> tickShift, cursorTick) & mask), e);
    }
  }

  /** The first tick in [from, limit] whose slot holds packets, or -1 (looks at most one turn ahead). */
  private long nextOccupiedTick(long from, long limit) {
    long span = Math.min(limit - from + 1, wheelSize);
    long t = from;
    long end = from + span;
    while (t < end) {
      int slot = (int) (t & mask);
      long word = occupied[slot >>> 6] >>> (slot & 63);
      if (word != 0) {
        long found = t + Long.numberOfTrailingZeros(word);
        return found < end ? found : -1;
      }
      t += 64 - (slot & 63);
    }
    return -1;
  }

  /** The earliest due time of a waiting packet (real ns), or {@link #IDLE}. */
  private long nextDue() {
    if (count == 0) return IDLE;
    long tick = nextOccupiedTick(cursorTick, cursorTick + wheelSize - 1);
    if (tick < 0) {
      Entry e = later.peek();
      return e == null ? IDLE : e.due;
    }
    int slot = (int) (tick & mask);
    long min = Long.MAX_VALUE;
    long[] dues = slotDues[slot];
    for (int i = 0, n = sizes[slot]; i < n; i++) min = Math.min(min, dues[i]);
    return min;
  }
}
