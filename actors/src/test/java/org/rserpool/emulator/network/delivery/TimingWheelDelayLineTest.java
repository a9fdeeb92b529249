package org.rserpool.emulator.network.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.time.EmulationClock;

class TimingWheelDelayLineTest {
  static final TransportAddress A = TransportAddress.parse("10.1.16.1:1024");
  static final TransportAddress B = TransportAddress.parse("10.1.128.1:1800");

  static Packet packet(long id) {
    return new Packet(A, B, new CalcAppMessage.KeepAlive((int) id));
  }

  static long id(Packet p) {
    return ((CalcAppMessage.KeepAlive) p.message()).jobId();
  }

  /** Records arrivals; counts down once per packet. */
  static final class Recorder implements DelayLine.Sink {
    final ConcurrentHashMap<Long, Long> arrivedAt = new ConcurrentHashMap<>();
    final List<Long> order = new ArrayList<>();
    final AtomicInteger overflows = new AtomicInteger();
    final CountDownLatch done;

    Recorder(int expected) {
      done = new CountDownLatch(expected);
    }

    @Override
    public void deliver(Packet packet, long latenessNanos) {
      arrivedAt.put(id(packet), System.nanoTime());
      synchronized (order) {
        order.add(id(packet));
      }
      done.countDown();
    }

    @Override
    public void overflow(Packet packet) {
      overflows.incrementAndGet();
      done.countDown();
    }
  }

  @Test
  void everyPacketArrivesAndNoneBeforeItsDueTime() throws InterruptedException {
    // A small wheel (64 slots of 65.5 µs = 4.2 ms) so that most delays go round it or wait beyond it.
    int n = 3000;
    Recorder sink = new Recorder(n);
    long[] due = new long[n];
    try (TimingWheelDelayLine line = new TimingWheelDelayLine("test", EmulationClock.scaled(1), sink, 4096, 10_000, 16, 6)) {
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < n; i++) {
        long delay = 100_000 + random.nextLong(40_000_000);
        due[i] = System.nanoTime() + delay;
        assertTrue(line.schedule(delay, packet(i)));
      }
      assertTrue(sink.done.await(10, TimeUnit.SECONDS), "not all delivered: " + sink.arrivedAt.size());
    }
    for (int i = 0; i < n; i++) assertTrue(sink.arrivedAt.get((long) i) >= due[i], "packet " + i + " arrived early");
  }

  @Test
  void aConstantDelayKeepsTheOrder() throws InterruptedException {
    int n = 20_000;
    Recorder sink = new Recorder(n);
    try (TimingWheelDelayLine line = new TimingWheelDelayLine("test", EmulationClock.scaled(1), sink, 1 << 16, n, 16, 6)) {
      for (int i = 0; i < n; i++) assertTrue(line.schedule(2_000_000, packet(i)));
      assertTrue(sink.done.await(10, TimeUnit.SECONDS));
    }
    for (int i = 0; i < n; i++) assertEquals(i, sink.order.get(i));
  }

  @Test
  void theTimeScaleShortensTheRealDelay() throws InterruptedException {
    // 100 s emulated at time-scale 1000 is 100 ms real.
    Recorder sink = new Recorder(1);
    long sent = System.nanoTime();
    try (TimingWheelDelayLine line = new TimingWheelDelayLine("test", EmulationClock.scaled(1000), sink, 16, 16)) {
      line.schedule(100_000_000_000L, packet(1));
      assertTrue(sink.done.await(10, TimeUnit.SECONDS));
    }
    long real = sink.arrivedAt.get(1L) - sent;
    assertTrue(real >= 100_000_000, "arrived after " + real + " ns");
  }

  @Test
  void aFullDelayLineDropsAndReportsInsteadOfGrowing() throws InterruptedException {
    Recorder sink = new Recorder(100);
    try (TimingWheelDelayLine line = new TimingWheelDelayLine("test", EmulationClock.scaled(1), sink, 1024, 10)) {
      for (int i = 0; i < 100; i++) line.schedule(50_000_000, packet(i));
      assertTrue(sink.done.await(10, TimeUnit.SECONDS));
    }
    assertEquals(90, sink.overflows.get());
    assertEquals(10, sink.arrivedAt.size());
  }
}
