package org.rserpool.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.fault.Selector;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;
import org.rserpool.emulator.runtime.EmulationGuardian.Role;

/**
 * Which components a fault acts on, as Chaos Mesh selects pods: by names, roles, sites and addresses
 * (CIDR), every given key narrowing the set; then a {@code mode} picks among the matches: {@code all},
 * {@code one}, {@code fixed} ({@code value} of them) or {@code percent} ({@code value} % of them,
 * rounded down, at least one), drawn from the emulation's seed so a run can be repeated.
 */
record TargetSelector(List<String> names, Set<Role> roles, List<Integer> sites, List<Selector.Cidr> addresses, Mode mode, int value) {

  static final Set<String> KEYS = Set.of("names", "role", "site", "address", "mode", "value");

  enum Mode { ALL, ONE, FIXED, PERCENT }

  /** Every component. */
  static final TargetSelector EVERYTHING = new TargetSelector(List.of(), Set.of(), List.of(), List.of(), Mode.ALL, 0);

  static TargetSelector parse(ObjectNode n, String at) {
    Json.onlyKeys(n, at, KEYS);
    List<String> names = Json.texts(n, at, "names");
    Set<Role> roles = new java.util.LinkedHashSet<>();
    for (String r : Json.texts(n, at, "role")) roles.add(role(r, Json.path(at, "role")));
    List<Integer> sites = Json.ints(n, at, "site");
    for (int s : sites) {
      if (s < 1 || s > AddressPlan.MAX_SITES) throw ProblemException.invalid(Json.path(at, "site"), "a site is a number in 1.." + AddressPlan.MAX_SITES + ", got " + s);
    }
    List<Selector.Cidr> cidrs = new ArrayList<>();
    for (String a : Json.texts(n, at, "address")) {
      try {
        cidrs.add(Selector.Cidr.parse(a));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid(Json.path(at, "address"), e.getMessage());
      }
    }
    String m = Json.text(n, at, "mode", false);
    Mode mode = Mode.ALL;
    if (m != null) {
      try {
        mode = Mode.valueOf(m.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid(Json.path(at, "mode"), "must be one of all, one, fixed, percent; got '" + m + "'");
      }
    }
    JsonNode v = n.get("value");
    int value = 0;
    if (mode == Mode.FIXED || mode == Mode.PERCENT) {
      if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
        throw ProblemException.invalid(Json.path(at, "value"), "mode " + mode.name().toLowerCase(Locale.ROOT) + " needs a whole number 'value'");
      }
      value = v.asInt();
      if (value < 1 || (mode == Mode.PERCENT && value > 100)) {
        throw ProblemException.invalid(Json.path(at, "value"), mode == Mode.PERCENT ? "a percentage in 1..100, got " + value : "at least 1, got " + value);
      }
    } else if (v != null) {
      throw ProblemException.invalid(Json.path(at, "value"), "only modes fixed and percent take a value");
    }
    return new TargetSelector(names, Set.copyOf(roles), sites, cidrs, mode, value);
  }

  static Role role(String text, String field) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "registrar", "pr" -> Role.REGISTRAR;
      case "pool-element", "pe" -> Role.POOL_ELEMENT;
      case "pool-user", "pu" -> Role.POOL_USER;
      case "attacker" -> Role.ATTACKER;
      default -> throw ProblemException.invalid(field, "must be registrar, pool-element, pool-user or attacker; got '" + text + "'");
    };
  }

  /** The role's name in the API. */
  static String roleName(Role role) {
    return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether {@code c} matches every key given (the mode is not applied). */
  boolean matches(ComponentStatus c) {
    if (!names.isEmpty() && !names.contains(c.name())) return false;
    if (!roles.isEmpty() && !roles.contains(c.role())) return false;
    Ipv4Address ip = Ipv4Address.parse(c.address());
    if (!sites.isEmpty() && !sites.contains(AddressPlan.siteOf(ip))) return false;
    if (!addresses.isEmpty() && addresses.stream().noneMatch(cidr -> cidr.matches(new TransportAddress(ip, 0)))) return false;
    return true;
  }

  /**
   * The components this selector picks from {@code all}: those that match and pass {@code eligible},
   * then the mode's draw (in the order of {@code all}, so the same seed picks the same ones).
   *
   * @param field the request field, for the error when nothing matches (422)
   * @param why what {@code eligible} asks for, for the error when matches exist but none is eligible (409)
   */
  List<ComponentStatus> pick(List<ComponentStatus> all, Predicate<ComponentStatus> eligible, SplittableRandom random, String field, String why) {
    for (String name : names) {
      if (all.stream().noneMatch(c -> c.name().equals(name))) throw ProblemException.unmatched(Json.path(field, "names"), "no component named '" + name + "'");
    }
    List<ComponentStatus> matched = all.stream().filter(this::matches).toList();
    if (matched.isEmpty()) throw ProblemException.unmatched(field, "the selector " + describe() + " matches no component");
    List<ComponentStatus> candidates = new ArrayList<>(matched.stream().filter(eligible).toList());
    if (candidates.isEmpty()) {
      throw ProblemException.conflict("the selector " + describe() + " matches " + matched.size() + " component(s), but none " + why);
    }
    int n = switch (mode) {
      case ALL -> candidates.size();
      case ONE -> 1;
      case FIXED -> Math.min(value, candidates.size());
      case PERCENT -> Math.max(1, candidates.size() * value / 100);
    };
    // A partial Fisher-Yates shuffle: the first n are a uniform draw without replacement.
    for (int i = 0; i < n && mode != Mode.ALL; i++) {
      int j = i + random.nextInt(candidates.size() - i);
      ComponentStatus t = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, t);
    }
    return List.copyOf(candidates.subList(0, n));
  }

  /**
   * The network's selector for what this selector picked: the sites or the address prefix themselves
   * when that is all it asks for (short to list, and it covers every address there), else the hosts
   * of the picked components (every port of each address).
   */
  Selector network(List<ComponentStatus> picked) {
    if (mode == Mode.ALL && names.isEmpty() && roles.isEmpty()) {
      if (!sites.isEmpty() && addresses.isEmpty()) return new Selector.Sites(Set.copyOf(sites));
      if (sites.isEmpty() && addresses.size() == 1) return addresses.get(0);
    }
    return hosts(picked);
  }

  /** The hosts of these components, as the network's selector (every port of each address). */
  static Selector hosts(List<ComponentStatus> picked) {
    Set<Ipv4Address> hosts = new java.util.HashSet<>();
    for (ComponentStatus c : picked) hosts.add(Ipv4Address.parse(c.address()));
    return new Selector.Hosts(hosts);
  }

  /** The selector as JSON, as it was asked for. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!names.isEmpty()) m.put("names", names);
    if (!roles.isEmpty()) m.put("role", roles.stream().map(TargetSelector::roleName).sorted().toList());
    if (!sites.isEmpty()) m.put("site", sites);
    if (!addresses.isEmpty()) m.put("address", addresses.stream().map(c -> c.network() + "/" + c.prefixLength()).toList());
    m.put("mode", mode.name().toLowerCase(Locale.ROOT));
    if (mode == Mode.FIXED || mode == Mode.PERCENT) m.put("value", value);
    return m;
  }

  String describe() {
    return Json.write(toJson());
  }
}
