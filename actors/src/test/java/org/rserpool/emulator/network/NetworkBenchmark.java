package org.rserpool.emulator.network;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.rserpool.emulator.network.delivery.DelayLine;
import org.rserpool.emulator.network.delivery.ShardedDelayLine;
import org.rserpool.emulator.network.link.DelayDistribution;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.time.EmulationClock;

/**
 * Load harness of the emulated network (run by {@code ./bench Network}): paced sender threads push
 * packets through {@link Network#send} to Akka actors at a target rate, for each rate in turn, over
 * a link with a constant delay and one with a uniform 1-100 ms delay. It reports the achieved delivery
 * rate and the delay line's lateness (hand-over time minus due time) at p50/p99/p99.9/max, with the
 * largest number of packets in flight, the heap after the run and the process CPU.
 *
 * <p>Arguments (all optional): {@code rates=10000,100000,1000000 seconds=10 warmup=3 senders=2
 * receivers=100}. Not a JMH benchmark: lateness is a distribution over a paced load, not a
 * per-operation cost.
 */
public final class NetworkBenchmark {

  record Result(String link, long targetRate, double deliveredRate, long sent, long overflow,
      Histogram lateness, long maxInFlight, long heapMb, double cpuCores) {}

  public static void main(String[] args) throws Exception {
    long[] rates = {10_000, 100_000, 1_000_000};
    int seconds = 10;
    int warmup = 3;
    int senders = 2;
    int receivers = 100;
    int threads = 1;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "rates" -> rates = java.util.Arrays.stream(kv[1].split(",")).mapToLong(Long::parseLong).toArray();
        case "seconds" -> seconds = Integer.parseInt(kv[1]);
        case "warmup" -> warmup = Integer.parseInt(kv[1]);
        case "senders" -> senders = Integer.parseInt(kv[1]);
        case "receivers" -> receivers = Integer.parseInt(kv[1]);
        case "threads" -> threads = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + a + " (rates=, seconds=, warmup=, senders=, receivers=, threads=)");
      }
    }
    LinkProfile constant = LinkProfile.constant(Duration.ofMillis(10));
    LinkProfile uniform = LinkProfile.constant(Duration.ofNanos(50_500_000))
        .withJitter(Duration.ofNanos(49_500_000), 0, DelayDistribution.UNIFORM);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "network-benchmark",
        ConfigFactory.parseString("akka.actor.serialize-messages = off\nakka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    LongAdder received = new LongAdder();
    List<ActorRef<Packet>> sinks = new ArrayList<>();
    for (int i = 0; i < receivers; i++) sinks.add(system.systemActorOf(counter(received), "receiver-" + i, akka.actor.typed.Props.empty()));
    System.out.printf("# Network harness: %d sender threads, %d receiver actors, %d delay-line threads, %d s per rate after %d s warm-up, %d cores, loadavg %s%n",
        senders, receivers, threads, seconds, warmup, Runtime.getRuntime().availableProcessors(), loadavg());
    List<Result> results = new ArrayList<>();
    try {
      for (LinkProfile profile : List.of(constant, uniform)) {
        for (long rate : rates) {
          Result r = run(profile, rate, seconds, warmup, senders, threads, sinks, received);
          results.add(r);
          print(r);
        }
      }
    } finally {
      system.terminate();
    }
  }

  static Behavior<Packet> counter(LongAdder received) {
    return Behaviors.receive(Packet.class).onAnyMessage(p -> {
      received.increment();
      return Behaviors.same();
    }).build();
  }

  static Result run(LinkProfile profile, long rate, int seconds, int warmup, int senders, int threads,
      List<ActorRef<Packet>> sinks, LongAdder received) throws InterruptedException {
    Recorder lateness = new Recorder(3);
    DelayLine.Factory lines = ShardedDelayLine.factory(threads, Network.DEFAULT_INBOX_CAPACITY, Network.DEFAULT_MAX_IN_FLIGHT);
    DelayLine.Factory recording = (clock, sink) -> lines.start(clock, new DelayLine.Sink() {
      @Override
      public void deliver(Packet packet, long latenessNanos) {
        lateness.recordValue(Math.max(0, latenessNanos));
        sink.deliver(packet, latenessNanos);
      }

      @Override
      public void overflow(Packet packet) {
        sink.overflow(packet);
      }
    });
    Network network = new Network(EmulationClock.scaled(1), LinkModel.uniform(profile, 1), recording, new SimpleMeterRegistry(), 1);
    List<TransportAddress> addresses = new ArrayList<>();
    for (int i = 0; i < sinks.size(); i++) {
      TransportAddress a = new TransportAddress(AddressPlan.poolUser(1, i), 1800);
      network.bind(a, sinks.get(i));
      addresses.add(a);
    }
    TransportAddress from = new TransportAddress(AddressPlan.poolElement(1, 0), 1024);
    Packet[] packets = addresses.stream().map(a -> new Packet(from, a, new CalcAppMessage.KeepAlive(1))).toArray(Packet[]::new);
    AtomicLong sent = new AtomicLong();
    AtomicLong maxInFlight = new AtomicLong();
    long runNanos = (warmup + seconds) * 1_000_000_000L;
    long start = System.nanoTime();
    List<Thread> senderThreads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      long perThread = rate / senders;
      int offset = s;
      Thread t = new Thread(() -> {
        long n = 0;
        int next = offset;
        while (true) {
          long elapsed = System.nanoTime() - start;
          if (elapsed >= runNanos) break;
          long due = elapsed * perThread / 1_000_000_000L;
          while (n < due) {
            network.send(packets[next]);
            next = (next + 1) % packets.length;
            n++;
          }
          LockSupport.parkNanos(20_000);
        }
        sent.addAndGet(n);
      }, "sender-" + s);
      t.start();
      senderThreads.add(t);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Thread.sleep(warmup * 1000L);
    lateness.reset();
    long cpu0 = os.getProcessCpuTime();
    long received0 = received.sum();
    long t0 = System.nanoTime();
    while (System.nanoTime() - start < runNanos) {
      maxInFlight.accumulateAndGet(network.inFlight(), Math::max);
      Thread.sleep(100);
    }
    long received1 = received.sum();
    long t1 = System.nanoTime();
    long cpu1 = os.getProcessCpuTime();
    Histogram h = lateness.getIntervalHistogram();
    for (Thread t : senderThreads) t.join();
    // Let the last packets land before the next rate starts.
    long drainUntil = System.nanoTime() + 5_000_000_000L;
    while (network.inFlight() > 0 && System.nanoTime() < drainUntil) Thread.sleep(10);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long overflow = network.overflowed();
    network.close();
    System.gc();
    long heapMb = memory.getHeapMemoryUsage().getUsed() >> 20;
    double window = (t1 - t0) / 1e9;
    return new Result(profile.describe(), rate, (received1 - received0) / window, sent.get(), overflow, h,
        maxInFlight.get(), heapMb, (cpu1 - cpu0) / 1e9 / window);
  }

  static void print(Result r) {
    Histogram h = r.lateness();
    System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.3f | %.3f | %.3f | %.3f | %,d | %,d | %d | %.2f |%n",
        r.link(), r.targetRate(), r.deliveredRate(),
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
        r.maxInFlight(), r.overflow(), r.heapMb(), r.cpuCores());
  }

  public static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** /proc/loadavg, to say how busy the machine was. */
  public static String loadavg() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }
}
