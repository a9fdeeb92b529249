package org.rserpool.emulator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code rserpool.cluster}: whether this node is one of several that run one emulation, how it finds
 * the others, and what happens when one is lost. Every key can also come from an {@code EMULATOR_*}
 * environment variable (reference.conf), so a docker-compose file configures nodes without files.
 *
 * @param seedNodes {@code host:port} of the nodes a new node contacts to join (the first node lists itself)
 * @param minNodes the emulation starts once this many nodes are up
 * @param restartDelay how long after a node is lost its components start on the survivors (emulated
 *     time is not involved: real time); {@code null}: they are not restarted
 * @param startDelay how far ahead of the plan the common start instant lies (real time)
 */
public record ClusterSettings(boolean enabled, String host, int port, String bindHost, List<String> seedNodes, int minNodes,
    Placement.Mode placement, Duration restartDelay, Duration startDelay, Duration downAfter) {

  /** The actor system name every node uses (it is part of every node's address). */
  public static final String SYSTEM_NAME = "rserpool";

  public static ClusterSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.cluster");
    String host = c.getString("host");
    int port = c.getInt("port");
    if (port < 0 || port > 65535) throw new ConfigException.BadValue(c.origin(), "rserpool.cluster.port", "must be 0..65535, got " + port);
    int minNodes = c.getInt("min-nodes");
    if (minNodes < 1) throw new ConfigException.BadValue(c.origin(), "rserpool.cluster.min-nodes", "must be at least 1, got " + minNodes);
    // The scenario's own choice first (it belongs to the experiment), then the node's setting.
    String key = config.hasPath("scenario.cluster.placement") && !config.getString("scenario.cluster.placement").isBlank()
        ? "scenario.cluster.placement" : "rserpool.cluster.placement";
    String placement = config.getString(key);
    Placement.Mode mode;
    try {
      mode = Placement.Mode.valueOf(placement.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(config.origin(), key, "must be by-site or spread, got '" + placement + "'");
    }
    String restart = c.getString("restart-delay");
    Duration restartDelay = restart.equalsIgnoreCase("off") ? null : c.getDuration("restart-delay");
    return new ClusterSettings(c.getBoolean("enabled"), host, port, c.getString("bind-host"), seeds(c), minNodes, mode, restartDelay,
        c.getDuration("start-delay"), c.getDuration("down-after"));
  }

  /** A list, or one comma-separated string (what an environment variable gives). */
  private static List<String> seeds(Config c) {
    List<String> raw = new ArrayList<>();
    if (c.getValue("seed-nodes").valueType() == com.typesafe.config.ConfigValueType.LIST) {
      raw.addAll(c.getStringList("seed-nodes"));
    } else {
      for (String s : c.getString("seed-nodes").split(",")) raw.add(s);
    }
    List<String> seeds = new ArrayList<>();
    for (String s : raw) {
      String t = s.trim();
      if (t.isEmpty()) continue;
      int colon = t.lastIndexOf(':');
      if (colon <= 0 || colon == t.length() - 1) {
        throw new ConfigException.BadValue(c.origin(), "rserpool.cluster.seed-nodes", "expected host:port, got '" + t + "'");
      }
      try {
        Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new ConfigException.BadValue(c.origin(), "rserpool.cluster.seed-nodes", "expected host:port, got '" + t + "'");
      }
      seeds.add(t);
    }
    return List.copyOf(seeds);
  }

  /**
   * The Akka configuration of a cluster node: Artery TCP on host:port, the seed nodes, Akka's Split
   * Brain Resolver keeping the majority, Kryo for every message between nodes (Java serialization stays
   * off: reference.conf of the actors module). It goes in front of the scenario's configuration.
   */
  public Config akkaConfig() {
    StringBuilder seeds = new StringBuilder("[");
    for (String s : seedNodes.isEmpty() ? List.of(host + ":" + port) : seedNodes) {
      if (seeds.length() > 1) seeds.append(',');
      seeds.append('"').append("akka://").append(SYSTEM_NAME).append('@').append(s).append('"');
    }
    seeds.append(']');
    String hocon = "akka.actor.provider = cluster\n"
        + "akka.actor.allow-java-serialization = off\n"
        + "akka.actor.warn-about-java-serializer-usage = on\n"
        + "akka.remote.artery.transport = tcp\n"
        + "akka.remote.artery.canonical.hostname = \"" + host + "\"\n"
        + "akka.remote.artery.canonical.port = " + port + "\n"
        // A node's component list (GET /api/components on a cluster) is one message: about 35 bytes per
        // component, so 1 MiB frames carry some 30,000 per node (the default 256 KiB would stop at 7,000).
        + "akka.remote.artery.advanced.maximum-frame-size = 1MiB\n"
        + "akka.remote.artery.advanced.inbound-lanes = 1\n"
        + (bindHost.isBlank() ? "" : "akka.remote.artery.bind.hostname = \"" + bindHost + "\"\n")
        + "akka.cluster.seed-nodes = " + seeds + "\n"
        + "akka.cluster.min-nr-of-members = 1\n"
        + "akka.cluster.downing-provider-class = \"akka.cluster.sbr.SplitBrainResolverProvider\"\n"
        + "akka.cluster.split-brain-resolver.active-strategy = keep-majority\n"
        + "akka.cluster.split-brain-resolver.stable-after = " + downAfter.toMillis() + "ms\n"
        + "akka.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
        + "akka.coordinated-shutdown.exit-jvm = off\n"
        + "akka.cluster.log-info-verbose = off\n";
    return ConfigFactory.parseString(hocon);
  }
}
