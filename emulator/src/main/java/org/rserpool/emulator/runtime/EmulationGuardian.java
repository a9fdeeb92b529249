package org.rserpool.emulator.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.pooluser.PoolUser;
import org.rserpool.emulator.registrar.Registrar;
import org.rserpool.emulator.scenario.StartTimes;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * The root actor of an emulation node: starts the registrars, pool elements and pool users of the
 * deployment at their scenario start times, and supervises them as their parent.
 */
public final class EmulationGuardian extends AbstractBehavior<EmulationGuardian.Command> {

  public sealed interface Command extends ClusterSerializable permits Start, GetComponents {}

  /** Time to start one kind of component. */
  record Start(Role role) implements Command {}

  enum Role { REGISTRARS, POOL_ELEMENTS, POOL_USERS }

  /** Asks for the running components. */
  public record GetComponents(ActorRef<Components> replyTo) implements Command {}

  public record Components(
      List<ActorRef<Registrar.Command>> registrars,
      List<ActorRef<PoolElement.Command>> poolElements,
      List<ActorRef<PoolUser.Command>> poolUsers)
      implements ClusterSerializable {}

  private final Deployment deployment;
  private final NodeContext node;
  private final List<ActorRef<Registrar.Command>> registrars = new ArrayList<>();
  private final List<ActorRef<PoolElement.Command>> poolElements = new ArrayList<>();
  private final List<ActorRef<PoolUser.Command>> poolUsers = new ArrayList<>();

  public static Behavior<Command> create(Deployment deployment, NodeContext node, StartTimes delays) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      // Start times are emulated; the timers run in real time.
      timers.startSingleTimer(new Start(Role.REGISTRARS), node.network().clock().toReal(delays.registrars()));
      timers.startSingleTimer(new Start(Role.POOL_ELEMENTS), node.network().clock().toReal(delays.poolElements()));
      timers.startSingleTimer(new Start(Role.POOL_USERS), node.network().clock().toReal(delays.poolUsers()));
      return new EmulationGuardian(ctx, deployment, node);
    }));
  }

  private EmulationGuardian(ActorContext<Command> ctx, Deployment deployment, NodeContext node) {
    super(ctx);
    this.deployment = deployment;
    this.node = node;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(GetComponents.class, this::onGetComponents)
        .build();
  }

  private Behavior<Command> onStart(Start start) {
    switch (start.role()) {
      case REGISTRARS -> {
        for (Deployment.RegistrarSpec r : deployment.registrars()) {
          registrars.add(getContext().spawn(
              Registrar.create(deployment.registrarSettings(), r.serverId(), r.asapAddress(), node.network(), node.registrarMetrics()),
              r.name()));
        }
      }
      case POOL_ELEMENTS -> {
        for (Deployment.ComponentSpec pe : deployment.poolElements()) {
          poolElements.add(getContext().spawn(
              PoolElement.create(deployment.poolElementSettings(), pe.registrars(), pe.address(), node.network(),
                  node.poolElementMetrics(), pe.seed()),
              pe.name()));
        }
      }
      case POOL_USERS -> {
        for (Deployment.ComponentSpec pu : deployment.poolUsers()) {
          poolUsers.add(getContext().spawn(
              PoolUser.create(deployment.poolUserSettings(), pu.registrars(), pu.address(), node.network(),
                  node.poolUserMetrics(), pu.seed()),
              pu.name()));
        }
      }
    }
    return this;
  }

  private Behavior<Command> onGetComponents(GetComponents request) {
    request.replyTo().tell(new Components(List.copyOf(registrars), List.copyOf(poolElements), List.copyOf(poolUsers)));
    return this;
  }
}
