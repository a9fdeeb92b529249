package org.rserpool.emulator.cluster;

import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * One node's part of the results: its statistics of the measurement window and the facts of the node
 * itself (the per-node table of results.json).
 *
 * @param toLostNodes packets for hosts on a lost node, dropped before they were sent (the host was gone)
 * @param latenessP50Seconds delay-line lateness median (real seconds, the histogram bucket's upper bound)
 * @param latenessP99Seconds delay-line lateness p99 (likewise)
 * @param cpuSeconds CPU time the node's process used
 * @param kryoSerialized messages this node wrote for other nodes through Kryo (every remote message of ours)
 */
public record NodeReport(int index, String node, Statistics window, int components, long packetsSent, long packetsDelivered,
    long crossNodeSent, long crossNodeReceived, long toLostNodes, double latenessP50Seconds, double latenessP99Seconds, double cpuSeconds, long heapUsedBytes, long kryoSerialized,
    long kryoDeserialized)
    implements ClusterSerializable {}
