package org.rserpool.emulator.cluster;

import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * One node's part of the results: its statistics of the measurement window and the facts of the node
 * itself (the per-node table of results.json).
 *
 * @param latenessP99Seconds delay-line lateness p99 (real seconds, histogram bucket bound)
 * @param cpuSeconds CPU time the node's process used
 */
public record NodeReport(int index, String node, Statistics window, int components, long packetsSent, long packetsDelivered,
    long crossNodeSent, long crossNodeReceived, double latenessP99Seconds, double cpuSeconds, long heapUsedBytes)
    implements ClusterSerializable {}
