package org.rserpool.emulator.time;

import static org.rserpool.emulator.network.NetworkBenchmark.loadavg;
import static org.rserpool.emulator.network.NetworkBenchmark.ms;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Lateness harness of the timers that shape the statistics (run by {@code ./bench Timers}): actors
 * that each arm a single timer with a random delay, and when its message arrives record how late it
 * came (the moment the actor handles it minus its due time, i.e. what a job completion or generation
 * is delayed by) and arm the next. Once with Akka's {@code TimerScheduler} at the emulator's 1 ms tick
 * (what the pool element and pool user used before), once with {@link PreciseTimer} on {@link
 * RealTimeTimers} (what they use now), at a time-scale (100 unless given: the precise timers spin
 * from 10 on); delays and lateness are stated in real time.
 * The precise timers also get a row of their own thread's lateness (due time to the {@code tell}); the
 * rest of the end-to-end lateness is the dispatcher's. CPU is the process's, in cores.
 *
 * <p>Arguments (all optional): {@code actors=100 delay-ms=20 seconds=10 warmup=2 time-scale=100}: each timer is due
 * uniformly in (0, delay-ms], so the firing rate is about 2 × actors / delay-ms per ms. Not a JMH
 * benchmark: lateness is a distribution over a paced load, not a per-operation cost.
 */
public final class TimerLatenessBenchmark {

  /** One actor's timer message: Akka's carries its due time, the precise one its generation. */
  record Fire(long value) {}

  public static void main(String[] args) throws Exception {
    int actors = 100;
    int delayMs = 20;
    int seconds = 10;
    int warmup = 2;
    double timeScale = 100;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "actors" -> actors = Integer.parseInt(kv[1]);
        case "delay-ms" -> delayMs = Integer.parseInt(kv[1]);
        case "seconds" -> seconds = Integer.parseInt(kv[1]);
        case "warmup" -> warmup = Integer.parseInt(kv[1]);
        case "time-scale" -> timeScale = Double.parseDouble(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + a + " (actors=, delay-ms=, seconds=, warmup=, time-scale=)");
      }
    }
    System.out.printf("# Timer lateness: %d actors, real delays uniform in (0, %d ms], time-scale %s, %d s after %d s warm-up, %d cores, loadavg %s%n",
        actors, delayMs, timeScale, seconds, warmup, Runtime.getRuntime().availableProcessors(), loadavg());
    System.out.println("| timers | firings/s | lateness p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | mean (ms) | CPU (cores) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String mode : new String[] {"akka", "precise"}) run(mode, actors, delayMs * 1_000_000L, timeScale, seconds, warmup);
  }

  static void run(String mode, int actors, long maxDelayNanos, double timeScale, int seconds, int warmup) throws InterruptedException {
    // The emulator's Akka settings: scheduler tick 1 ms (emulator.conf), messages not serialized.
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "timer-benchmark-" + mode, ConfigFactory.parseString(
        "akka.scheduler.tick-duration = 1ms\nakka.actor.serialize-messages = off\nakka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    EmulationClock clock = EmulationClock.scaled(timeScale);
    Recorder threadLateness = new Recorder(3);
    RealTimeTimers timers = new RealTimeTimers("benchmark-timers", clock, l -> threadLateness.recordValue(Math.max(0, l)));
    Recorder lateness = new Recorder(3);
    try {
      for (int i = 0; i < actors; i++) {
        Behavior<Fire> actor = mode.equals("akka")
            ? akkaTimer(clock, maxDelayNanos, lateness, i)
            : preciseTimer(timers, clock, maxDelayNanos, lateness, i);
        system.systemActorOf(actor, "timer-" + i, Props.empty());
      }
      Thread.sleep(warmup * 1000L);
      lateness.reset();
      threadLateness.reset();
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      Histogram h = lateness.getIntervalHistogram();
      double window = (System.nanoTime() - t0) / 1e9;
      double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / window;
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f |%n", mode, h.getTotalCount() / window,
          ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
          ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1e6, cores);
      Histogram t = threadLateness.getIntervalHistogram();
      if (t.getTotalCount() > 0) {
        System.out.printf(Locale.ROOT, "| %s (timer thread only) | %,.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | |%n", mode, t.getTotalCount() / window,
            ms(t.getValueAtPercentile(50)), ms(t.getValueAtPercentile(90)), ms(t.getValueAtPercentile(99)),
            ms(t.getValueAtPercentile(99.9)), ms(t.getMaxValue()), t.getMean() / 1e6);
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      timers.close();
    }
  }

  /** As the pool element and pool user armed their timers before: startSingleTimer with the real delay. */
  static Behavior<Fire> akkaTimer(EmulationClock clock, long maxDelayNanos, Recorder lateness, long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      SplittableRandom random = new SplittableRandom(seed);
      Runnable arm = () -> {
        long delay = (long) ((1 + random.nextLong(maxDelayNanos)) * clock.timeScale());
        timers.startSingleTimer("timer", new Fire(clock.nanos() + delay), clock.toReal(Duration.ofNanos(delay)));
      };
      arm.run();
      return Behaviors.receive(Fire.class).onMessage(Fire.class, f -> {
        lateness.recordValue(Math.max(0, clock.toRealNanos(clock.nanos() - f.value())));
        arm.run();
        return Behaviors.same();
      }).build();
    }));
  }

  /** As they arm them now: a PreciseTimer at an absolute emulated due time. */
  static Behavior<Fire> preciseTimer(PreciseTimers timers, EmulationClock clock, long maxDelayNanos, Recorder lateness, long seed) {
    return Behaviors.setup(ctx -> {
      SplittableRandom random = new SplittableRandom(seed);
      PreciseTimer<Fire> timer = new PreciseTimer<>(timers, ctx.getSelf(), Fire::new);
      Runnable arm = () -> timer.startAt(clock.nanos() + (long) ((1 + random.nextLong(maxDelayNanos)) * clock.timeScale()));
      arm.run();
      return Behaviors.receive(Fire.class).onMessage(Fire.class, f -> {
        long due = timer.dueNanos();
        if (!timer.fired(f.value())) return Behaviors.same();
        lateness.recordValue(Math.max(0, clock.toRealNanos(clock.nanos() - due)));
        arm.run();
        return Behaviors.same();
      }).build();
    });
  }
}
