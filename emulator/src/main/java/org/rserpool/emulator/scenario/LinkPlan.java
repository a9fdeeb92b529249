package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.network.link.DelayDistribution;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkPatch;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.network.link.LossModel;
import org.rserpool.emulator.network.link.Probability;
import org.rserpool.emulator.network.link.Rate;
import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * The scenario's links ({@code scenario.network}): RSPSIM's delays (lan-delay inside a site,
 * |i − j| × wan-delay more between sites i and j), netem impairments for every link, and overrides
 * per site pair and per component. Validated key by key: every problem names its key.
 *
 * @param lanDelay one-way delay between two components of one site
 * @param wanDelay extra one-way delay per site hop
 * @param link the impairments of every link (no delay: it comes from lan/wan-delay)
 * @param sitePairs overrides of directed site pairs, keyed by {@link #pairKey}
 * @param components per-component overrides
 */
public record LinkPlan(
    Duration lanDelay, Duration wanDelay, LinkPatch link, Map<Integer, LinkPatch> sitePairs, List<LinkModel.ComponentOverride> components) {

  static final String PATH = "scenario.network";
  private static final Set<String> LINK_KEYS =
      Set.of("jitter", "delay-correlation", "distribution", "loss", "duplicate", "duplicate-correlation", "rate", "queue-limit");

  /** The profile of the link from site {@code from} to site {@code to} (0 for addresses outside every site). */
  public LinkProfile profile(int from, int to) {
    Duration delay = lanDelay.plus(wanDelay.multipliedBy(from == 0 || to == 0 ? 0 : Math.abs(from - to)));
    LinkProfile p = link.applyTo(LinkProfile.constant(delay));
    LinkPatch pair = sitePairs.get(pairKey(from, to));
    return pair == null ? p : pair.applyTo(p);
  }

  /** The link model of these settings, its random streams seeded by {@code seed}. */
  public LinkModel model(long seed) {
    return new LinkModel(this::profile, components, seed);
  }

  static int pairKey(int from, int to) {
    return from * 1000 + to;
  }

  static LinkPlan fromConfig(Config c, int sites) {
    Duration lan = ConfigChecks.nonNegative(c.getDuration(PATH + ".lan-delay"), PATH + ".lan-delay");
    Duration wan = ConfigChecks.nonNegative(c.getDuration(PATH + ".wan-delay"), PATH + ".wan-delay");
    LinkPatch link = patch(c.getConfig(PATH + ".link"), PATH + ".link", false);
    Map<Integer, LinkPatch> pairs = new HashMap<>();
    List<? extends ConfigObject> pairList = c.getObjectList(PATH + ".site-pairs");
    for (int i = 0; i < pairList.size(); i++) {
      String at = PATH + ".site-pairs[" + i + "]";
      Config p = pairList.get(i).toConfig();
      int from = site(p, "from", at, sites);
      int to = site(p, "to", at, sites);
      boolean both = !p.hasPath("bidirectional") || bool(p, "bidirectional", at);
      LinkPatch patch = patch(p.withoutPath("from").withoutPath("to").withoutPath("bidirectional"), at, true);
      for (int key : both ? new int[] {pairKey(from, to), pairKey(to, from)} : new int[] {pairKey(from, to)}) {
        if (pairs.putIfAbsent(key, patch) != null) {
          throw ConfigChecks.bad(at, "a second entry for the link from site " + key / 1000 + " to site " + key % 1000);
        }
      }
    }
    List<LinkModel.ComponentOverride> components = new ArrayList<>();
    List<? extends ConfigObject> componentList = c.getObjectList(PATH + ".components");
    for (int i = 0; i < componentList.size(); i++) {
      String at = PATH + ".components[" + i + "]";
      Config p = componentList.get(i).toConfig();
      if (!p.hasPath("address")) throw ConfigChecks.bad(at + ".address", "missing: the component's IPv4 address, e.g. \"10.1.16.1\"");
      Ipv4Address host;
      try {
        host = Ipv4Address.parse(p.getString("address"));
      } catch (IllegalArgumentException | ConfigException e) {
        throw ConfigChecks.bad(at + ".address", "must be an IPv4 address such as \"10.1.16.1\"");
      }
      int site = AddressPlan.siteOf(host);
      if (site < 1 || site > sites) {
        throw ConfigChecks.bad(at + ".address", host + " is in no site of this scenario (site n is 10.n.x.y, n in 1.." + sites + ")");
      }
      LinkModel.Direction direction = LinkModel.Direction.BOTH;
      if (p.hasPath("direction")) {
        try {
          direction = LinkModel.Direction.valueOf(p.getString("direction").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | ConfigException e) {
          throw ConfigChecks.bad(at + ".direction", "must be egress, ingress or both");
        }
      }
      LinkPatch patch = patch(p.withoutPath("address").withoutPath("direction"), at, true);
      components.add(new LinkModel.ComponentOverride(host, direction, patch));
    }
    try {
      new LinkModel((a, b) -> LinkProfile.IDEAL, components, 0);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(PATH + ".components", e.getMessage());
    }
    LinkPlan plan = new LinkPlan(lan, wan, link, Map.copyOf(pairs), List.copyOf(components));
    // Every combination must make a valid profile (e.g. no negative numbers slip through a patch).
    for (int from = 1; from <= sites; from++) {
      for (int to = 1; to <= sites; to++) plan.profile(from, to);
    }
    return plan;
  }

  private static int site(Config p, String key, String at, int sites) {
    if (!p.hasPath(key)) throw ConfigChecks.bad(at + "." + key, "missing: a site number in 1.." + sites);
    int s;
    try {
      s = p.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigChecks.bad(at + "." + key, "must be a site number in 1.." + sites);
    }
    if (s < 1 || s > sites) throw ConfigChecks.bad(at + "." + key, "must be a site number in 1.." + sites + ", got " + s);
    return s;
  }

  private static boolean bool(Config p, String key, String at) {
    try {
      return p.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigChecks.bad(at + "." + key, "must be true or false");
    }
  }

  /**
   * Reads netem-style link keys, the words of {@code scenario.network.link} plus {@code delay}, from one
   * object (the control API's link faults use the same words); problems name {@code at.key}.
   */
  public static LinkPatch linkPatch(Config p, String at) {
    return patch(p, at, true);
  }

  /** Reads the link keys of one object; {@code delay} only where a delay may be given. */
  private static LinkPatch patch(Config p, String at, boolean delayAllowed) {
    for (Map.Entry<String, ConfigValue> e : p.root().entrySet()) {
      String k = e.getKey();
      if (!LINK_KEYS.contains(k) && !(delayAllowed && k.equals("delay"))) {
        throw ConfigChecks.bad(at + "." + k, "unknown key; a link has " + (delayAllowed ? "delay, " : "") + String.join(", ", LINK_KEYS.stream().sorted().toList())
            + (delayAllowed ? "" : " (its delay comes from lan-delay and wan-delay)"));
      }
    }
    try {
      return new LinkPatch(
          duration(p, "delay", at),
          duration(p, "jitter", at),
          probability(p, "delay-correlation", at),
          p.hasPath("distribution") ? parse(at + ".distribution", () -> DelayDistribution.parse(p.getString("distribution"))) : null,
          p.hasPath("loss") ? parse(at + ".loss", () -> LossModel.parse(text(p, "loss"))) : null,
          probability(p, "duplicate", at),
          probability(p, "duplicate-correlation", at),
          rate(p, at),
          p.hasPath("queue-limit") ? ConfigChecks.atLeast(p.getInt("queue-limit"), 1, at + ".queue-limit") : null);
    } catch (ConfigException.WrongType e) {
      throw ConfigChecks.bad(at, e.getMessage());
    }
  }

  private static Duration duration(Config p, String key, String at) {
    if (!p.hasPath(key)) return null;
    return ConfigChecks.nonNegative(p.getDuration(key), at + "." + key);
  }

  private static Double probability(Config p, String key, String at) {
    if (!p.hasPath(key)) return null;
    return parse(at + "." + key, () -> Probability.parse(text(p, key), key));
  }

  private static Rate rate(Config p, String at) {
    if (!p.hasPath("rate")) return null;
    String t = text(p, "rate");
    if (t.equalsIgnoreCase("unlimited")) return null;
    return parse(at + ".rate", () -> Rate.parse(t));
  }

  /** A number or a string, as written (HOCON reads {@code 1%} as a string and {@code 0.01} as a number). */
  private static String text(Config p, String key) {
    ConfigValue v = p.getValue(key);
    return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : String.valueOf(v.unwrapped());
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parse(String key, Parse<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(key, e.getMessage());
    }
  }
}
