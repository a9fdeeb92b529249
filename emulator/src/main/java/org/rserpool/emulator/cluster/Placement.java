package org.rserpool.emulator.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.runtime.Deployment;

/**
 * Which node runs which component, worked out from the deployment and the number of nodes alone, so
 * every node (and a coordinator that moved) computes the same placement.
 */
public final class Placement {
  /** A component whose node was lost and that has not been restarted elsewhere. */
  public static final int NOWHERE = -1;

  public enum Mode {
    /** A site's LAN on one node, the sites spread over the nodes: only WAN traffic crosses nodes. */
    BY_SITE,
    /** Each site's components spread over all nodes: most traffic crosses nodes (the stress case). */
    SPREAD
  }

  private Placement() {}

  /** Component name to node index (0 .. nodes-1), in deployment order. */
  public static Map<String, Integer> of(Deployment deployment, int nodes, Mode mode) {
    if (nodes < 1) throw new IllegalArgumentException("at least one node, got " + nodes);
    Map<Integer, List<String>> bySite = new TreeMap<>();
    for (Deployment.RegistrarSpec r : deployment.registrars()) site(bySite, AddressPlan.siteOf(r.asapAddress().address())).add(r.name());
    for (Deployment.ComponentSpec c : deployment.poolElements()) site(bySite, AddressPlan.siteOf(c.address().address())).add(c.name());
    for (Deployment.ComponentSpec c : deployment.poolUsers()) site(bySite, AddressPlan.siteOf(c.address().address())).add(c.name());
    for (Deployment.ComponentSpec c : deployment.attackers()) site(bySite, AddressPlan.siteOf(c.address().address())).add(c.name());
    Map<String, Integer> placement = new LinkedHashMap<>();
    int siteIndex = 0;
    for (List<String> names : bySite.values()) {
      for (int i = 0; i < names.size(); i++) {
        placement.put(names.get(i), mode == Mode.BY_SITE ? siteIndex % nodes : (siteIndex + i) % nodes);
      }
      siteIndex++;
    }
    return placement;
  }

  private static List<String> site(Map<Integer, List<String>> bySite, int site) {
    return bySite.computeIfAbsent(site, s -> new ArrayList<>());
  }

  /**
   * The components of the lost nodes, moved round-robin over the live ones (in name order, so the
   * result does not depend on who computes it).
   *
   * @param live whether each node index is still up
   * @return component name to its new node, for the moved components only
   */
  public static Map<String, Integer> rehome(Map<String, Integer> placement, boolean[] live) {
    List<Integer> survivors = new ArrayList<>();
    for (int i = 0; i < live.length; i++) {
      if (live[i]) survivors.add(i);
    }
    Map<String, Integer> moved = new TreeMap<>();
    if (survivors.isEmpty()) return moved;
    int next = 0;
    for (Map.Entry<String, Integer> e : new TreeMap<>(placement).entrySet()) {
      int node = e.getValue();
      if (node == NOWHERE || !live[node]) moved.put(e.getKey(), survivors.get(next++ % survivors.size()));
    }
    return moved;
  }
}
