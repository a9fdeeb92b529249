package org.rserpool.emulator.runtime;

/**
 * A snapshot of one node's statistics, as the progress line and the summary show them. Times are
 * emulated seconds; means are over completed jobs (NaN before the first one). The network counts:
 * messages delivered, dropped at an unbound address (unroutable), lost (loss models, and full rate
 * queues or delay line) and dropped by partitions.
 */
public record Statistics(
    double emulatedSeconds,
    long registrars,
    long pools,
    long poolElementsInHandlespaces,
    long poolElementsRunning,
    long poolElementsRegistered,
    long poolUsersRunning,
    long registrations,
    long deregistrations,
    long handleResolutions,
    long jobsQueued,
    long jobsStarted,
    long jobsCompleted,
    double jobSizeCompleted,
    double meanQueuingDelay,
    double meanStartupDelay,
    double meanProcessingTime,
    double meanHandlingTime,
    double handlingTimeSum,
    double usedCapacity,
    long messagesDelivered,
    long messagesUnroutable,
    long messagesLost,
    long messagesPartitioned) {

  /** RSPSIM's system average handling speed: job size completed / handling time, a ratio of sums (calculations/s). */
  public double handlingSpeed() {
    return handlingTimeSum > 0 ? jobSizeCompleted / handlingTimeSum : Double.NaN;
  }
}
