package org.rserpool.emulator.time;

import akka.actor.typed.ActorRef;
import java.util.function.LongFunction;

/**
 * One single-shot timer of one actor on {@link PreciseTimers}, with the semantics of Akka's {@code
 * TimerScheduler.startSingleTimer}: starting it again replaces the pending firing, and a firing that
 * was cancelled or replaced is not acted on, even if its message is already in the mailbox. For that
 * the message carries the timer's generation, and the actor asks {@link #fired} before acting:
 *
 * <pre>{@code
 * record ServiceDue(long generation) implements Command {}
 * serviceTimer = new PreciseTimer<>(network.timers(), ctx.getSelf(), ServiceDue::new);
 * serviceTimer.startAt(dueNanos);
 * .onMessage(ServiceDue.class, m -> serviceTimer.fired(m.generation()) ? serve() : this)
 * }</pre>
 *
 * Not thread-safe: only its actor uses it (the timer thread only tells the message).
 */
public final class PreciseTimer<T> {
  private final PreciseTimers timers;
  private final ActorRef<T> owner;
  private final LongFunction<T> message;
  private PreciseTimers.Timer pending;
  private long generation;
  private long dueNanos = -1;

  /**
   * @param owner the actor told the message
   * @param message makes the message from the firing's generation
   */
  public PreciseTimer(PreciseTimers timers, ActorRef<T> owner, LongFunction<T> message) {
    this.timers = timers;
    this.owner = owner;
    this.message = message;
  }

  /**
   * Fires at emulated time {@code dueNanos} (at once if that has passed), replacing a pending firing.
   * Starting it again for the same due time keeps the pending firing.
   */
  public void startAt(long dueNanos) {
    if (pending != null && this.dueNanos == dueNanos) return;
    cancel();
    long g = ++generation;
    T m = message.apply(g);
    this.dueNanos = dueNanos;
    pending = timers.at(dueNanos, () -> owner.tell(m));
  }

  /** No firing from now on (a message already sent is recognised as stale by {@link #fired}). */
  public void cancel() {
    if (pending == null) return;
    pending.cancel();
    pending = null;
    dueNanos = -1;
  }

  /** Whether a firing is pending. */
  public boolean isActive() {
    return pending != null;
  }

  /** The emulated due time of the pending firing, or -1. */
  public long dueNanos() {
    return dueNanos;
  }

  /**
   * Whether a message of generation {@code generation} is the pending firing (then the timer is no
   * longer pending) rather than a stale one to ignore.
   */
  public boolean fired(long generation) {
    if (pending == null || generation != this.generation) return false;
    pending = null;
    dueNanos = -1;
    return true;
  }
}
