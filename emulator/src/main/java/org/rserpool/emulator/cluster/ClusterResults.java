package org.rserpool.emulator.cluster;

import java.util.List;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * The results of an emulation that ran on several nodes: the nodes' statistics added up (the same
 * keys as a single node's), the per-node reports, and how many nodes were lost. Nodes lost before the
 * end contribute nothing (their counters died with them).
 *
 * @param writer the index of the node that writes the results files (the first live node)
 */
public record ClusterResults(Statistics total, List<NodeReport> nodes, int nodeCount, int nodeFailures, int writer)
    implements ClusterSerializable {

  public ClusterResults {
    nodes = List.copyOf(nodes);
  }

  public long crossNodePackets() {
    long n = 0;
    for (NodeReport r : nodes) n += r.crossNodeSent();
    return n;
  }
}
