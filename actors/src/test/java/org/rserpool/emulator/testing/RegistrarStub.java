package org.rserpool.emulator.testing;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;

/**
 * A registrar for tests of pool elements and pool users: it accepts every registration and
 * deregistration at once and hands everything else (handle resolutions, unreachable reports) to a
 * probe, so the test decides what a handle resolution returns.
 */
public final class RegistrarStub {
  private RegistrarStub() {}

  public static Behavior<Packet> create(Network network, TransportAddress address, ActorRef<Packet> others) {
    return Behaviors.setup(ctx -> {
      Endpoint endpoint = new Endpoint(network, ctx.getSelf()).bind(address);
      return Behaviors.receive(Packet.class)
          .onMessage(Packet.class, p -> {
            if (p.message() instanceof AsapMessage.Registration r) {
              endpoint.reply(p, new AsapMessage.RegistrationResponse(false, r.poolHandle(), r.poolElement().identifier(), null));
            } else if (p.message() instanceof AsapMessage.Deregistration d) {
              endpoint.reply(p, new AsapMessage.DeregistrationResponse(d.poolHandle(), d.peIdentifier(), null));
            } else {
              others.tell(p);
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
