package org.rserpool.emulator.network;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.codec.MessageTypes;

/**
 * The emulated network's meters (Prometheus names after the registry's conversion):
 *
 * <ul>
 *   <li>{@code emulator_network_messages_total{outcome}}: what became of each packet sent:
 *       {@code delivered}, {@code unroutable} (nobody bound at the destination when it arrived),
 *       {@code lost} (the loss model), {@code partitioned}, {@code overflow} (a full rate queue or
 *       delay line); {@code duplicated} counts the extra copies links made (each of which is then
 *       delivered or not, too).
 *   <li>{@code emulator_network_packets_delivered_total{protocol}}: the delivered ones by protocol (a
 *       datagram to a multicast group once per member that receives it).
 *   <li>{@code emulator_network_packets_sent_total{protocol}}: packets components sent, by protocol
 *       ({@code asap}, {@code enrp}, {@code calcapp}), whatever became of them (RSPSIM's TransportNode
 *       ASAP/ENRP packet counts); a datagram to a multicast group counts once if a member in the sender's site receives it.
 *   <li>{@code rserpool_messages_sent_total{protocol,type}}: the same packets by message type
 *       ({@code type="ENRP_PRESENCE"}, ...; the RFC names, 31 types in all, {@code unknown} for a type
 *       code the codec does not know), so that dashboards show ENRP and ASAP traffic by type.
 *   <li>{@code emulator_network_sctp_retransmissions_total{protocol}}: ASAP and ENRP messages sent again
 *       on their association after a retransmission timeout (RFC 4960 §6.3.3).
 *   <li>{@code emulator_network_sctp_associations_lost_total{cause}}: associations an endpoint was told
 *       are gone ({@code retransmissions_exhausted}, {@code aborted}, {@code peer_restarted}).
 *   <li>{@code emulator_network_delay_seconds}: the emulated delay links gave each copy (histogram).
 *   <li>{@code emulator_network_delay_line_lateness_seconds}: real time between a packet's due time
 *       and its hand-over to the receiver (histogram).
 *   <li>{@code emulator_timer_lateness_seconds}: real time between a precise timer's due time (a job
 *       completion or generation) and the moment it fires (histogram).
 *   <li>{@code emulator_network_faults_active{kind}}: impairments and partitions in force.
 *   <li>{@code emulator_network_in_flight}: packets waiting in the delay line.
 *   <li>{@code emulator_network_cross_node_packets_total{direction}}: packets this node sent to
 *       ({@code sent}) or received from ({@code received}) another cluster node.
 *   <li>{@code emulator_network_cross_node_transfer_seconds}: real time from the sending node's network
 *       to the receiving node's (histogram; the nodes' clocks start at one instant).
 * </ul>
 *
 * Histograms have a few explicit buckets each, not percentile buckets, to keep the series count small.
 */
final class NetworkMetrics {
  private static final Duration[] DELAY_BUCKETS = millis(0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000);
  private static final Duration[] LATENESS_BUCKETS = millis(0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 50, 100, 1000);

  /** Packets delivered, indexed by {@link PayloadProtocol#ordinal()}; {@code messages{outcome=delivered}} is their sum. */
  final Counter[] delivered;
  final Counter unroutable;
  final Counter lost;
  final Counter partitioned;
  final Counter overflow;
  final Counter duplicated;
  /** Packets sent, indexed by {@link PayloadProtocol#ordinal()}. */
  final Counter[] sent;
  /** Packets sent by type: [protocol ordinal][type code]; the last entry of each row counts unknown codes. */
  private final Counter[][] sentByType;
  final Timer delay;
  final Timer lateness;
  final Timer timerLateness;
  final Counter crossNodeSent;
  final Counter[] retransmissions;
  final Counter[] associationsLost;
  final Counter crossNodeReceived;
  final Timer crossNodeTransfer;

  NetworkMetrics(MeterRegistry registry) {
    delivered = perProtocol(registry, "emulator.network.packets.delivered",
        "Packets the network handed to their receivers, by protocol (a multicast datagram once per member)");
    io.micrometer.core.instrument.FunctionCounter.builder("emulator.network.messages", delivered, NetworkMetrics::sum)
        .description("Messages carried by the emulated network, by outcome")
        .tag("outcome", "delivered")
        .register(registry);
    unroutable = messages(registry, "unroutable");
    lost = messages(registry, "lost");
    partitioned = messages(registry, "partitioned");
    overflow = messages(registry, "overflow");
    duplicated = messages(registry, "duplicated");
    sent = perProtocol(registry, "emulator.network.packets.sent", "Packets sent by the components, by protocol");
    sentByType = new Counter[PayloadProtocol.values().length][];
    for (PayloadProtocol protocol : PayloadProtocol.values()) {
      int types = 1;
      while (MessageTypes.isKnown(protocol, types)) types++;
      Counter[] row = new Counter[types + 1];
      for (int type = 1; type <= types; type++) {
        row[type] = Counter.builder("rserpool.messages.sent")
            .description("Messages sent by the components, by protocol and message type")
            .tag("protocol", protocol.name().toLowerCase(java.util.Locale.ROOT))
            .tag("type", type < types ? MessageTypes.name(protocol, type) : "unknown")
            .register(registry);
      }
      sentByType[protocol.ordinal()] = row;
    }
    delay = Timer.builder("emulator.network.delay")
        .description("Emulated one-way delay given to each packet by the links it crossed")
        .serviceLevelObjectives(DELAY_BUCKETS)
        .distributionStatisticBufferLength(1)
        .register(registry);
    lateness = Timer.builder("emulator.network.delay.line.lateness")
        .description("Real time between a packet's due time and its delivery to the receiver")
        .serviceLevelObjectives(LATENESS_BUCKETS)
        .distributionStatisticBufferLength(1)
        .register(registry);
    timerLateness = Timer.builder("emulator.timer.lateness")
        .description("Real time between a precise timer's due time and its firing")
        .serviceLevelObjectives(LATENESS_BUCKETS)
        .register(registry);
    crossNodeSent = crossNode(registry, "sent");
    retransmissions = perProtocol(registry, "emulator.network.sctp.retransmissions",
        "ASAP and ENRP messages sent again on their SCTP association after a retransmission timeout");
    org.rserpool.emulator.network.association.AssociationEvent.Cause[] causes = org.rserpool.emulator.network.association.AssociationEvent.Cause.values();
    associationsLost = new Counter[causes.length];
    for (var cause : causes) {
      associationsLost[cause.ordinal()] = Counter.builder("emulator.network.sctp.associations.lost")
          .description("SCTP associations an endpoint was told are gone, by cause").tag("cause", cause.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    crossNodeReceived = crossNode(registry, "received");
    crossNodeTransfer = Timer.builder("emulator.network.cross.node.transfer")
        .description("Real time a packet took from the sending node's network to the receiving node's")
        .serviceLevelObjectives(LATENESS_BUCKETS)
        .register(registry);
  }

  private static Counter crossNode(MeterRegistry registry, String direction) {
    return Counter.builder("emulator.network.cross.node.packets")
        .description("Packets sent to or received from another cluster node")
        .tag("direction", direction)
        .register(registry);
  }

  void gauges(MeterRegistry registry, Supplier<Number> impairments, Supplier<Number> partitions, Supplier<Number> inFlight) {
    Gauge.builder("emulator.network.faults.active", impairments).tag("kind", "impairment")
        .description("Network faults in force").register(registry);
    Gauge.builder("emulator.network.faults.active", partitions).tag("kind", "partition")
        .description("Network faults in force").register(registry);
    Gauge.builder("emulator.network.in.flight", inFlight)
        .description("Packets waiting in the delay line").register(registry);
  }

  /**
   * A quantile of the delay-line lateness, as Prometheus' histogram_quantile would estimate it: the
   * upper bound of the bucket it falls in (seconds; 0 without samples, the largest bound if beyond).
   */
  double latenessQuantile(double q) {
    io.micrometer.core.instrument.distribution.HistogramSnapshot h = lateness.takeSnapshot();
    if (h.count() == 0) return 0;
    double rank = q * h.count();
    double last = 0;
    for (io.micrometer.core.instrument.distribution.CountAtBucket b : h.histogramCounts()) {
      last = b.bucket(TimeUnit.SECONDS);
      if (b.count() >= rank) return last;
    }
    return last;
  }

  /** Counts a packet sent, by protocol and by message type. */
  void sent(Message message) {
    PayloadProtocol protocol = message.protocol();
    sent[protocol.ordinal()].increment();
    Counter[] row = sentByType[protocol.ordinal()];
    int type = message.type();
    row[type > 0 && type < row.length - 1 ? type : row.length - 1].increment();
  }

  /** One counter per protocol, indexed by {@link PayloadProtocol#ordinal()}. */
  private static Counter[] perProtocol(MeterRegistry registry, String name, String description) {
    Counter[] counters = new Counter[PayloadProtocol.values().length];
    for (PayloadProtocol protocol : PayloadProtocol.values()) {
      counters[protocol.ordinal()] = Counter.builder(name).description(description)
          .tag("protocol", protocol.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
    return counters;
  }

  static double sum(Counter[] counters) {
    double sum = 0;
    for (Counter c : counters) sum += c.count();
    return sum;
  }

  void recordDelay(long nanos) {
    delay.record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Counter messages(MeterRegistry registry, String outcome) {
    return Counter.builder("emulator.network.messages")
        .description("Messages carried by the emulated network, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Duration[] millis(double... ms) {
    Duration[] d = new Duration[ms.length];
    for (int i = 0; i < ms.length; i++) d[i] = Duration.ofNanos(Math.round(ms[i] * 1e6));
    return d;
  }
}
