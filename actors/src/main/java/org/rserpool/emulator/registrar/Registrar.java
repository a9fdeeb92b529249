package org.rserpool.emulator.registrar;

import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.List;
import java.util.SplittableRandom;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.handlespace.RegistrationResult;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * A registrar (PR, ENRP server): keeps the handlespace of its pools and serves the ASAP requests of
 * pool elements and pool users on its ASAP address. This version answers REGISTRATION, DEREGISTRATION
 * and HANDLE_RESOLUTION; other messages are logged and ignored.
 */
public final class Registrar extends AbstractBehavior<Registrar.Command> {

  public sealed interface Command extends ClusterSerializable permits Received {}

  /** A packet from the network (adapted, so the network needs to know nothing of this protocol). */
  public record Received(Packet packet) implements Command {}

  private final RegistrarSettings settings;
  private final int serverId;
  private final Endpoint endpoint;
  private final RegistrarMetrics metrics;
  private final Handlespace handlespace;

  /**
   * @param serverId the registrar's ENRP server ID: random, non-zero, fixed for its lifetime (RFC 5353 §2.1)
   * @param asapAddress where pool elements and pool users reach it
   */
  public static Behavior<Command> create(
      RegistrarSettings settings, int serverId, TransportAddress asapAddress, Network network, RegistrarMetrics metrics) {
    return Behaviors.setup(ctx -> new Registrar(ctx, settings, serverId, asapAddress, network, metrics));
  }

  private Registrar(
      ActorContext<Command> ctx,
      RegistrarSettings settings,
      int serverId,
      TransportAddress asapAddress,
      Network network,
      RegistrarMetrics metrics) {
    super(ctx);
    this.settings = settings;
    this.serverId = serverId;
    this.metrics = metrics;
    // The random policies draw from a source seeded by the server ID, which the deployment derives
    // from the scenario seed: the same scenario gives the same selections.
    this.handlespace = new Handlespace(
        new Handlespace.Options(settings.errorCauses(), settings.policyUpdateOnRelink()), new SplittableRandom(serverId));
    this.endpoint = new Endpoint(network, ctx.messageAdapter(Packet.class, Received::new)).bind(asapAddress);
    metrics.registrarStarted();
    ctx.getLog().info("registrar {} serving ASAP on {}", Identifiers.hex(serverId), asapAddress);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<Command> onReceived(Received received) {
    Packet packet = received.packet();
    if (packet.message() instanceof AsapMessage.Registration m) {
      onRegistration(packet, m);
    } else if (packet.message() instanceof AsapMessage.Deregistration m) {
      onDeregistration(packet, m);
    } else if (packet.message() instanceof AsapMessage.HandleResolution m) {
      onHandleResolution(packet, m);
    } else {
      getContext().getLog().debug("ignoring {} from {}", packet.message(), packet.source());
    }
    return this;
  }

  /**
   * RFC 5352 §3.1: the accepting registrar becomes the home registrar, whatever home the pool element
   * named; the ASAP transport is where the request came from (rsplib takes the association's addresses).
   */
  private void onRegistration(Packet packet, AsapMessage.Registration m) {
    PoolElementParameter pe = m.poolElement()
        .withHome(serverId)
        .withAsapTransport(SctpTransport.of(packet.source().address(), packet.source().port(), TransportUse.DATA_ONLY));
    int poolsBefore = handlespace.poolCount();
    int elementsBefore = handlespace.poolElementCount();
    RegistrationResult result = handlespace.register(m.poolHandle(), pe, endpoint.network().clock().nanos());
    metrics.registration(!result.accepted());
    metrics.handlespaceChanged(handlespace.poolCount() - poolsBefore, handlespace.poolElementCount() - elementsBefore);
    if (!result.accepted()) {
      getContext().getLog().info("refused registration of {} in {}: {}",
          Identifiers.hex(pe.identifier()), m.poolHandle(), CauseCode.describe(result.cause()));
    }
    endpoint.reply(packet, new AsapMessage.RegistrationResponse(
        !result.accepted(), m.poolHandle(), pe.identifier(), result.accepted() ? null : OperationError.of(result.cause())));
  }

  /** RFC 5352 §3.2: answered without error even when the pool element is unknown. */
  private void onDeregistration(Packet packet, AsapMessage.Deregistration m) {
    metrics.deregistration();
    int poolsBefore = handlespace.poolCount();
    if (handlespace.deregister(m.poolHandle(), m.peIdentifier()) != null) {
      metrics.handlespaceChanged(handlespace.poolCount() - poolsBefore, -1);
    }
    endpoint.reply(packet, new AsapMessage.DeregistrationResponse(m.poolHandle(), m.peIdentifier(), null));
  }

  /**
   * Selects up to the requested number of items (rsplib's option, else MaxHandleResolutionItems; at most
   * 128). Like rsplib, a positive response carries a copy of the first selected element's policy as the
   * overall policy, and the pool elements without their ASAP transport.
   */
  private void onHandleResolution(Packet packet, AsapMessage.HandleResolution m) {
    metrics.handleResolution();
    HandleResolutionOption option = m.option();
    int items = option == null
        ? settings.maxHandleResolutionItems()
        : (int) Math.max(1, Math.min(option.items(), RegistrarSettings.MAX_ITEMS));
    items = Math.min(items, RegistrarSettings.MAX_ITEMS);
    List<PoolElementEntry> selected = handlespace.select(m.poolHandle(), items, settings.maxIncrement());
    AsapMessage.HandleResolutionResponse response;
    if (selected.isEmpty()) {
      response = new AsapMessage.HandleResolutionResponse(
          false, m.poolHandle(), null, List.of(), OperationError.of(CauseCode.UNKNOWN_POOL_HANDLE));
    } else {
      List<PoolElementParameter> withoutAsap = selected.stream().map(e -> e.parameter().withAsapTransport(null)).toList();
      response = new AsapMessage.HandleResolutionResponse(false, m.poolHandle(), withoutAsap.get(0).policy(), withoutAsap, null);
    }
    endpoint.reply(packet, response);
  }

  private Behavior<Command> onStop() {
    endpoint.close();
    metrics.registrarStopped(handlespace.poolCount(), handlespace.poolElementCount());
    return this;
  }
}
