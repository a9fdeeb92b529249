package org.rserpool.emulator.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentList;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;

/**
 * The cluster-wide component list: this node's view (its own components, the others' as stopped)
 * with each other node's own components put in; answers once all nodes have answered or after a few
 * seconds (a node that does not answer keeps its components stopped), then stops.
 */
final class ComponentListMerge {
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private ComponentListMerge() {}


  static Behavior<Object> create(List<ComponentStatus> local, List<ActorRef<EmulationGuardian.Command>> others,
      ActorRef<ComponentList> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Map<String, ComponentStatus> merged = new LinkedHashMap<>();
      for (ComponentStatus s : local) merged.put(s.name(), s);
      if (others.isEmpty()) {
        replyTo.tell(new ComponentList(List.copyOf(merged.values())));
        return Behaviors.stopped();
      }
      ActorRef<ComponentList> adapter = ctx.messageAdapter(ComponentList.class, l -> l);
      for (ActorRef<EmulationGuardian.Command> other : others) other.tell(new EmulationGuardian.ListLocal(adapter));
      timers.startSingleTimer("timeout", "timeout", TIMEOUT);
      int[] waiting = {others.size()};
      return Behaviors.receive(Object.class)
          .onMessage(ComponentList.class, list -> {
            for (ComponentStatus s : list.components()) merged.put(s.name(), s);
            if (--waiting[0] > 0) return Behaviors.same();
            replyTo.tell(new ComponentList(List.copyOf(new ArrayList<>(merged.values()))));
            return Behaviors.stopped();
          })
          .onMessageEquals("timeout", () -> {
            replyTo.tell(new ComponentList(List.copyOf(merged.values())));
            return Behaviors.stopped();
          })
          .build();
    }));
  }
}
