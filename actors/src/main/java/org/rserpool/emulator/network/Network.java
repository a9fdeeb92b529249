package org.rserpool.emulator.network;

import akka.actor.typed.ActorRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.rserpool.emulator.time.EmulationClock;

/**
 * The emulated network of one node: it maps transport addresses to the actors bound to them and
 * carries every packet from sender to receiver after the link's one-way delay. All traffic passes
 * here, so latency, metrics and (later) loss, partitions and capture apply to it in one place.
 *
 * <p>A packet to an address nobody is bound to when it arrives is dropped and counted, as a real
 * network would drop it; the sender's own timers notice.
 */
public final class Network implements AutoCloseable {
  private final ConcurrentMap<TransportAddress, ActorRef<Packet>> endpoints = new ConcurrentHashMap<>();
  private final EmulationClock clock;
  private final DelayLine delayLine;
  private final Counter delivered;
  private final Counter unroutable;
  private volatile long oneWayDelayRealNanos;
  private volatile Duration oneWayDelay;

  public Network(EmulationClock clock, Duration oneWayDelay, MeterRegistry registry) {
    this.clock = clock;
    this.delayLine = new DelayLine("emulated-network-delay-line");
    this.delivered = messages(registry, "delivered");
    this.unroutable = messages(registry, "unroutable");
    setOneWayDelay(oneWayDelay);
  }

  private static Counter messages(MeterRegistry registry, String outcome) {
    return Counter.builder("emulator.network.messages")
        .description("Messages carried by the emulated network, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  public EmulationClock clock() {
    return clock;
  }

  /** The emulated one-way delay of every link. */
  public Duration oneWayDelay() {
    return oneWayDelay;
  }

  public void setOneWayDelay(Duration delay) {
    if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative: " + delay);
    this.oneWayDelay = delay;
    this.oneWayDelayRealNanos = clock.toRealNanos(delay.toNanos());
  }

  /**
   * Binds an address to the actor that receives what is sent to it.
   *
   * @throws IllegalStateException when another actor is already bound to the address
   */
  public void bind(TransportAddress address, ActorRef<Packet> receiver) {
    ActorRef<Packet> previous = endpoints.putIfAbsent(address, receiver);
    if (previous != null && !previous.equals(receiver)) {
      throw new IllegalStateException("address already in use: " + address + " (bound to " + previous.path() + ")");
    }
  }

  /** Releases an address, if {@code receiver} holds it. */
  public void unbind(TransportAddress address, ActorRef<Packet> receiver) {
    endpoints.remove(address, receiver);
  }

  public boolean isBound(TransportAddress address) {
    return endpoints.containsKey(address);
  }

  /** Sends a packet: it arrives at its destination after the one-way delay, or is dropped if nobody is bound there. */
  public void send(Packet packet) {
    long delay = oneWayDelayRealNanos;
    if (delay == 0) {
      deliver(packet);
    } else {
      delayLine.schedule(delay, () -> deliver(packet));
    }
  }

  private void deliver(Packet packet) {
    ActorRef<Packet> receiver = endpoints.get(packet.destination());
    if (receiver == null) {
      unroutable.increment();
    } else {
      delivered.increment();
      receiver.tell(packet);
    }
  }

  /** Packets delivered so far. */
  public long delivered() {
    return (long) delivered.count();
  }

  /** Packets dropped because nobody was bound to their destination. */
  public long unroutable() {
    return (long) unroutable.count();
  }

  /** Packets in flight (scheduled on the delay line, not yet delivered). */
  public int inFlight() {
    return delayLine.pending();
  }

  @Override
  public void close() {
    delayLine.close();
  }
}
