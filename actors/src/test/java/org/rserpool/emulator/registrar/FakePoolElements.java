package org.rserpool.emulator.registrar;

import akka.Done;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * Many pool elements played by one test actor, as the registrar sees them: each registers with its
 * first registrar, acknowledges every ENRP keep-alive, adopts the sender of a keep-alive with the H bit
 * as its home (RFC 5352 §2.2.7) and re-registers there periodically (rsplib's PE). What they saw is kept
 * in thread-safe maps the test reads. PE {@code k} lives at 10.1.16.k.
 */
final class FakePoolElements {
  /** Waits for the actor to handle everything before it (a test-only message: not serialized). */
  record Barrier(ActorRef<Done> replyTo) implements NoSerializationVerificationNeeded {}

  private record Reregister() {}

  /** Registration life the pool elements register with (ms; rsplib: 3 x the re-registration interval). */
  static final int REGISTRATION_LIFE = 90_000;

  final Map<Integer, TransportAddress> homes = new ConcurrentHashMap<>();
  final Map<Integer, TransportAddress> homeBitFrom = new ConcurrentHashMap<>();
  final Map<Integer, Boolean> registered = new ConcurrentHashMap<>();
  final Set<Integer> silent = ConcurrentHashMap.newKeySet();
  final AtomicInteger keepAlives = new AtomicInteger();

  static Ipv4Address host(int k) {
    return Ipv4Address.of(10, 1, 16, k);
  }

  static TransportAddress asapAddress(int k) {
    return new TransportAddress(host(k), 3863);
  }

  static PoolElementParameter parameter(int k) {
    return new PoolElementParameter(k, 0, REGISTRATION_LIFE, SctpTransport.of(host(k), 1024, TransportUse.DATA_ONLY),
        SelectionPolicy.of(PolicyType.ROUND_ROBIN), null);
  }

  /**
   * @param firstHomes the registrar (ASAP address) each pool element 1..n registers with first
   * @param reregistration time between re-registrations; {@code null} for none
   */
  Behavior<Object> behavior(ManualNetwork net, PoolHandle pool, List<TransportAddress> firstHomes, Duration reregistration) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Endpoint endpoint = new Endpoint(net.network(), ctx.getSelf().narrow());
      for (int k = 1; k <= firstHomes.size(); k++) {
        endpoint.bind(asapAddress(k));
        homes.put(k, firstHomes.get(k - 1));
      }
      Runnable registerAll = () -> homes.forEach((k, home) -> endpoint.send(asapAddress(k), home, new AsapMessage.Registration(pool, parameter(k))));
      registerAll.run();
      if (reregistration != null) timers.startTimerWithFixedDelay(new Reregister(), net.clock().toReal(reregistration));
      return Behaviors.receive(Object.class)
          .onMessage(Packet.class, p -> {
            int k = p.receiver().address().octet(3);
            if (p.message() instanceof AsapMessage.EndpointKeepAlive ka) {
              keepAlives.incrementAndGet();
              if (silent.contains(k)) return Behaviors.same();
              if (ka.home()) {
                homes.put(k, p.source());
                homeBitFrom.put(k, p.source());
              }
              endpoint.send(p.receiver(), p.source(), new AsapMessage.EndpointKeepAliveAck(pool, k));
            } else if (p.message() instanceof AsapMessage.RegistrationResponse r) {
              registered.put(k, !r.reject());
            }
            return Behaviors.same();
          })
          .onMessage(Reregister.class, r -> {
            registerAll.run();
            return Behaviors.same();
          })
          .onMessage(Barrier.class, b -> {
            b.replyTo().tell(Done.getInstance());
            return Behaviors.same();
          })
          .build();
    }));
  }
}
