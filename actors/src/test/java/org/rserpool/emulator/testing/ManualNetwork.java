package org.rserpool.emulator.testing;

import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.testkit.ExplicitlyTriggeredScheduler;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.time.EmulationClock;
import org.rserpool.emulator.time.PreciseTimers;

/**
 * Test fixture for step-by-step protocol tests: an emulated network, its emulation clock, the actors'
 * timers and the network's precise timers ({@link Network#timers()}: job completions and generation)
 * all on Akka's manual time, so {@link #timePasses} moves actor timers and link delays together and
 * nothing happens between steps.
 *
 * <pre>{@code
 * static final ActorTestKit testKit = ActorTestKit.create("MyTest", ManualNetwork.config());
 * ManualNetwork net = ManualNetwork.create(testKit.system(), Duration.ofMillis(10));
 * testKit.spawn(PoolElement.create(settings, registrars, address, net.network(), metrics, seed));
 * registrar.expectMessageClass(Packet.class);      // or: not yet, if the link has a delay
 * net.timePasses(Duration.ofMillis(10));           // link delays and timers up to +10 ms fire, in order
 * }</pre>
 *
 * Between steps, wait for the effects of the last one with probes (actors still run on their own
 * dispatcher threads); a packet sent in reaction is due relative to the manual time at which it was
 * sent. Resolution is one millisecond (the manual scheduler's).
 */
public final class ManualNetwork implements AutoCloseable {
  private final ManualTime manualTime;
  private final ExplicitlyTriggeredScheduler scheduler;
  private final ActorSystem<?> system;
  private final ManualClock clock;
  private final ManualTimers timers;
  private final Network network;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private ManualNetwork(ActorSystem<?> system, LinkModel links, long timerLatenessNanos) {
    this.scheduler = scheduler(system);
    this.system = system;
    this.manualTime = ManualTime.get(system);
    this.clock = new ManualClock(scheduler);
    // One queue for packets and precise timers: what is due at the same time happens in the order it was scheduled.
    this.timers = new ManualTimers(scheduler, clock, system.executionContext());
    PreciseTimers precise = timerLatenessNanos == 0 ? timers : late(timers, timerLatenessNanos);
    this.network = new Network(clock, links, (c, sink) -> new ManualDelayLine(timers, c, sink), (c, lateness) -> precise, registry, 1);
  }

  /** The same timers, each action running {@code nanos} after its due time (as a loaded machine runs them). */
  private static PreciseTimers late(ManualTimers timers, long nanos) {
    return new PreciseTimers() {
      @Override
      public Timer at(long dueNanos, Runnable action) {
        return timers.at(dueNanos + nanos, action);
      }

      @Override
      public int pending() {
        return timers.pending();
      }

      @Override
      public void close() {
        timers.close();
      }
    };
  }

  /** The Akka configuration a test kit needs for this fixture: manual time over the test's application.conf. */
  public static Config config() {
    return ManualTime.config().withFallback(ConfigFactory.load());
  }

  /** A network whose links all have the same constant delay. */
  public static ManualNetwork create(ActorSystem<?> system, Duration oneWayDelay) {
    return create(system, LinkModel.uniform(LinkProfile.constant(oneWayDelay), 1));
  }

  public static ManualNetwork create(ActorSystem<?> system, LinkModel links) {
    return new ManualNetwork(system, links, 0);
  }

  /**
   * A network whose precise timers ({@link Network#timers()}) fire {@code timerLateness} after their due
   * time, for tests of what late timers do (e.g. that a chain of them does not drift).
   */
  public static ManualNetwork withLateTimers(ActorSystem<?> system, Duration oneWayDelay, Duration timerLateness) {
    return new ManualNetwork(system, LinkModel.uniform(LinkProfile.constant(oneWayDelay), 1), timerLateness.toNanos());
  }

  private static ExplicitlyTriggeredScheduler scheduler(ActorSystem<?> system) {
    if (Adapter.toClassic(system).scheduler() instanceof ExplicitlyTriggeredScheduler s) return s;
    throw new IllegalStateException("the actor system does not run on manual time: create it with ManualNetwork.config()");
  }

  public Network network() {
    return network;
  }

  public EmulationClock clock() {
    return clock;
  }

  /** The network's meters. */
  public SimpleMeterRegistry registry() {
    return registry;
  }

  public ManualTime manualTime() {
    return manualTime;
  }

  /** Moves manual time on: actor timers and packet deliveries due within {@code amount} run, in time order. */
  public void timePasses(Duration amount) {
    manualTime.timePasses(amount);
  }

  /**
   * Moves manual time on like {@link #timePasses}, without the 100 ms of real time Akka's scheduler
   * sleeps first on every call ("to give dispatchers time to clear"). For tests that advance in many
   * small steps: they must wait for the actors' reactions themselves between steps (e.g. ask every
   * actor something, so that each has handled what the step delivered).
   */
  public void advance(Duration amount) {
    long target = scheduler.currentTimeMs() + amount.toMillis();
    // A task at the target time, so that the scheduler's clock ends there even when nothing else is due.
    scheduler.scheduleOnce(amount, () -> { }, system.executionContext());
    scheduler.executeTasks(target);
  }

  @Override
  public void close() {
    network.close();
  }
}
