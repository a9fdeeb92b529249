package org.rserpool.emulator.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rserpool.emulator.network.fault.Direction;
import org.rserpool.emulator.network.link.LinkPatch;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.random.Distribution;
import org.rserpool.emulator.runtime.EmulationGuardian.Role;
import org.rserpool.emulator.scenario.LinkPlan;

/**
 * A fault as {@code POST /api/faults} asks for it, checked field by field. Network faults act on the
 * packets between two selections ({@code from}, {@code to}; {@code direction} as Chaos Mesh's), with
 * netem's attributes in the words of the scenario's {@code network.link}; component faults act on the
 * components a {@code target} selects. Either may last a {@code duration} and recur on a
 * {@code schedule}.
 *
 * @param link the impairment of a link fault, {@code null} for the others
 * @param duration how long each occurrence lasts (emulated), {@code null} = until deleted
 */
record FaultSpec(
    Type type, String name, TargetSelector from, TargetSelector to, Direction direction, LinkProfile link, TargetSelector target,
    Duration duration, Schedule schedule) {

  /** The fault types, with the attributes each may have (the first ones listed are required). */
  enum Type {
    LATENCY(Set.of("delay"), Set.of("jitter", "delay-correlation", "distribution")),
    JITTER(Set.of("jitter"), Set.of("delay-correlation", "distribution")),
    LOSS(Set.of("loss"), Set.of()),
    DUPLICATE(Set.of("duplicate"), Set.of("duplicate-correlation")),
    RATE(Set.of("rate"), Set.of("queue-limit")),
    PARTITION(Set.of(), Set.of()),
    CRASH(Set.of(), Set.of()),
    SHUTDOWN(Set.of(), Set.of()),
    ATTACKER(Set.of(), Set.of());

    final Set<String> required;
    final Set<String> optional;

    Type(Set<String> required, Set<String> optional) {
      this.required = required;
      this.optional = optional;
    }

    boolean isNetwork() {
      return ordinal() <= PARTITION.ordinal();
    }

    boolean isLink() {
      return ordinal() < PARTITION.ordinal();
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Type of(String text) {
      for (Type t : values()) {
        if (t.key().equals(text)) return t;
      }
      throw ProblemException.invalid("type", "unknown fault type '" + text + "'; one of latency, jitter, loss, duplicate, rate, partition, crash, shutdown, attacker");
    }
  }

  /**
   * When a fault recurs: every {@code every}, or after an up-time drawn from {@code distribution} with
   * mean {@code mtbf} after the previous occurrence ended (RSPSIM's component failures); at most
   * {@code occurrences} times (0 = no limit).
   */
  record Schedule(Duration every, Duration mtbf, Distribution distribution, int occurrences) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      if (every != null) m.put("every", FaultBook.text(every));
      if (mtbf != null) {
        m.put("mtbf", FaultBook.text(mtbf));
        m.put("distribution", distribution.shape() == Distribution.Shape.UNIFORM
            ? "uniform " + distribution.gamma() : distribution.shape().name().toLowerCase(Locale.ROOT));
      }
      if (occurrences > 0) m.put("occurrences", occurrences);
      return m;
    }
  }

  private static final Set<String> COMMON = Set.of("type", "name", "duration", "schedule");
  private static final Set<String> NETWORK = Set.of("from", "to", "direction");
  private static final Set<String> ALL_ATTRIBUTES;

  static {
    Set<String> a = new LinkedHashSet<>();
    for (Type t : Type.values()) {
      a.addAll(t.required);
      a.addAll(t.optional);
    }
    ALL_ATTRIBUTES = Set.copyOf(a);
  }

  static FaultSpec parse(ObjectNode n) {
    String typeText = Json.text(n, "", "type", true);
    Type type = Type.of(typeText.trim().toLowerCase(Locale.ROOT));
    Set<String> allowed = new LinkedHashSet<>(COMMON);
    allowed.addAll(type.required);
    allowed.addAll(type.optional);
    if (type.isNetwork()) allowed.addAll(NETWORK);
    else allowed.add("target");
    java.util.Iterator<String> keys = n.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (allowed.contains(k)) continue;
      String hint = ALL_ATTRIBUTES.contains(k) ? "'" + k + "' is not an attribute of a " + type.key() + " fault"
          : NETWORK.contains(k) ? "'" + k + "' is for network faults; a " + type.key() + " fault has 'target'"
          : k.equals("target") ? "a " + type.key() + " fault selects with 'from' (and 'to'), not 'target'"
          : "unknown key '" + k + "'";
      throw ProblemException.invalid(k, hint + "; a " + type.key() + " fault has: " + String.join(", ", allowed.stream().sorted().toList()));
    }
    String name = Json.text(n, "", "name", false);
    Duration duration = Json.duration(n, "", "duration");
    Schedule schedule = schedule(Json.object(n, "", "schedule", false), duration);
    if (!type.isNetwork()) {
      ObjectNode t = Json.object(n, "", "target", type != Type.ATTACKER);
      TargetSelector target = t == null ? TargetSelector.EVERYTHING : TargetSelector.parse(t, "target");
      if (type == Type.ATTACKER) {
        if (!target.roles().isEmpty() && !target.roles().equals(Set.of(Role.ATTACKER))) {
          throw ProblemException.invalid("target.role", "an attacker fault starts attackers; its target may only select role attacker");
        }
        target = new TargetSelector(target.names(), Set.of(Role.ATTACKER), target.sites(), target.addresses(), target.mode(), target.value());
      }
      return new FaultSpec(type, name == null ? "" : name, null, null, null, null, target, duration, schedule);
    }
    TargetSelector from = TargetSelector.parse(Json.object(n, "", "from", true), "from");
    ObjectNode toNode = Json.object(n, "", "to", false);
    TargetSelector to = toNode == null ? null : TargetSelector.parse(toNode, "to");
    Direction direction = Direction.BOTH;
    String d = Json.text(n, "", "direction", false);
    if (d != null) {
      try {
        direction = Direction.valueOf(d.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("direction", "must be to, from or both; got '" + d + "'");
      }
    }
    LinkProfile link = type.isLink() ? link(n, type) : null;
    return new FaultSpec(type, name == null ? "" : name, from, to, direction, link, null, duration, schedule);
  }

  /** The impairment, read with the scenario's own link parser, one attribute at a time so a problem names its field. */
  private static LinkProfile link(ObjectNode n, Type type) {
    for (String r : type.required) {
      if (!n.has(r) || n.get(r).isNull()) throw ProblemException.invalid(r, "missing: a " + type.key() + " fault needs '" + r + "'");
    }
    LinkPatch patch = LinkPatch.NONE;
    Map<String, Object> all = new HashMap<>();
    for (String k : ALL_ATTRIBUTES) {
      String v = Json.scalar(n, "", k);
      if (v == null) continue;
      Object value = n.get(k).isNumber() ? n.get(k).numberValue() : v;
      all.put(k, value);
      try {
        patch = patch.then(LinkPlan.linkPatch(ConfigFactory.parseMap(Map.of(k, value)), "fault"));
      } catch (ConfigException e) {
        throw ProblemException.invalid(k, stripPath(e.getMessage()));
      }
    }
    try {
      return patch.applyTo(LinkProfile.IDEAL);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(all.keySet().stream().sorted().findFirst().orElse("type"), e.getMessage());
    }
  }

  /** Typesafe Config says "Invalid value at 'fault.loss': ..."; the field is reported separately. */
  private static String stripPath(String message) {
    int i = message.indexOf("': ");
    return i >= 0 ? message.substring(i + 3) : message;
  }

  private static Schedule schedule(ObjectNode s, Duration duration) {
    if (s == null) return null;
    Json.onlyKeys(s, "schedule", Set.of("every", "mtbf", "distribution", "occurrences"));
    Duration every = Json.duration(s, "schedule", "every");
    Duration mtbf = Json.duration(s, "schedule", "mtbf");
    if ((every == null) == (mtbf == null)) {
      throw ProblemException.invalid("schedule", "give either 'every' (a fixed period) or 'mtbf' (a mean time between failures)");
    }
    if (duration == null) throw ProblemException.invalid("duration", "a scheduled fault needs a 'duration': how long each occurrence lasts");
    if (every != null && duration.compareTo(every) >= 0) {
      throw ProblemException.invalid("duration", "each occurrence must end before the next: duration " + FaultBook.text(duration) + " >= every " + FaultBook.text(every));
    }
    String dist = Json.text(s, "schedule", "distribution", false);
    if (dist != null && every != null) throw ProblemException.invalid("schedule.distribution", "only an mtbf schedule draws from a distribution");
    Distribution distribution = null;
    if (mtbf != null) {
      try {
        distribution = Distribution.parse(dist == null ? "exponential" : dist, mtbf.toNanos());
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("schedule.distribution", e.getMessage());
      }
    }
    int occurrences = 0;
    if (s.has("occurrences")) {
      List<Integer> o = Json.ints(s, "schedule", "occurrences");
      if (o.size() != 1 || o.get(0) < 1) throw ProblemException.invalid("schedule.occurrences", "must be a whole number >= 1");
      occurrences = o.get(0);
    }
    return new Schedule(every, mtbf, distribution, occurrences);
  }
}
