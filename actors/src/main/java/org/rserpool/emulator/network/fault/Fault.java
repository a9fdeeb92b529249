package org.rserpool.emulator.network.fault;

import java.util.Objects;
import org.rserpool.emulator.network.link.LinkProfile;

/**
 * A fault injected into the running network: an object with an id that can be listed and removed,
 * as Toxiproxy's toxics and Chaos Mesh's experiments are.
 */
public sealed interface Fault {

  /** Unique within the network, e.g. {@code fault-3}. */
  String id();

  /** A free label given by whoever created it (may be empty). */
  String name();

  /** Emulated time it was created at, in nanoseconds since the emulation started. */
  long createdAtNanos();

  /** One line for listings. */
  String describe();

  /**
   * Extra link behaviour for packets from {@code from} to {@code to} (and back with {@link
   * Direction#BOTH}): a packet crosses this impairment after its normal link, so delays add up and
   * each stage may lose or duplicate it. Each direction has its own state, like a netem qdisc.
   */
  record Impairment(String id, String name, long createdAtNanos, Selector from, Selector to, Direction direction, LinkProfile link)
      implements Fault {
    public Impairment {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      if (from == null || to == null) throw new IllegalArgumentException("an impairment needs both selections (from and to)");
      if (direction == null) throw new IllegalArgumentException("an impairment needs a direction (TO, FROM or BOTH)");
      if (link == null) throw new IllegalArgumentException("an impairment needs link parameters");
    }

    @Override
    public String describe() {
      return id + " impairment " + from.describe() + arrow(direction) + to.describe() + ": " + link.describe();
    }
  }

  /**
   * Drops every packet from {@code a} to {@code b} (and back with {@link Direction#BOTH}): a cut
   * between two sets of endpoints, as Chaos Mesh's {@code partition} action.
   */
  record Partition(String id, String name, long createdAtNanos, Selector a, Selector b, Direction direction) implements Fault {
    public Partition {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      if (a == null || b == null) throw new IllegalArgumentException("a partition needs both sides");
      if (direction == null) throw new IllegalArgumentException("a partition needs a direction (TO, FROM or BOTH)");
    }

    @Override
    public String describe() {
      return id + " partition " + a.describe() + arrow(direction) + b.describe();
    }
  }

  private static String arrow(Direction d) {
    return switch (d) {
      case TO -> " -> ";
      case FROM -> " <- ";
      case BOTH -> " <-> ";
    };
  }
}
