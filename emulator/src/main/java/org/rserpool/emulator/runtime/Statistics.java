package org.rserpool.emulator.runtime;

/**
 * A snapshot of one node's statistics, as the progress line and the summary show them. Times are
 * emulated seconds; means are over completed jobs (NaN before the first one). The pool element and
 * pool user figures are RSPSIM's (rspsim-model.md §4): used capacity = calculations performed,
 * provided capacity = up-time × capacity, job size completed = the sizes of the completed jobs, goodput
 * = the calculations cookies and completions confirmed (RSPSIM's bookkeeping of it). The
 * network counts: messages delivered, dropped at an unbound address (unroutable), lost (loss models,
 * and full rate queues or delay line) and dropped by partitions.
 */
public record Statistics(
    double emulatedSeconds,
    long registrars,
    long pools,
    long poolElementsInHandlespaces,
    long poolElementsRunning,
    long poolElementsRegistered,
    long poolUsersRunning,
    long attackersRunning,
    long registrations,
    long deregistrations,
    long handleResolutions,
    long jobsQueued,
    long jobsStarted,
    long jobsCompleted,
    double jobSizeCompleted,
    double goodput,
    double meanQueuingDelay,
    double meanStartupDelay,
    double meanProcessingTime,
    double meanHandlingTime,
    double handlingTimeSum,
    double meanFailoverTime,
    long serverSelections,
    long accepts,
    long rejects,
    long failovers,
    long unreachables,
    long invariantViolations,
    double usedCapacity,
    double providedCapacity,
    long attackRequests,
    long messagesDelivered,
    long messagesUnroutable,
    long messagesLost,
    long messagesPartitioned) {

  /** RSPSIM's system average handling speed: job size completed / handling time, a ratio of sums (calculations/s). */
  public double handlingSpeed() {
    return handlingTimeSum > 0 ? jobSizeCompleted / handlingTimeSum : Double.NaN;
  }

  /** RSPSIM's system utilization: used / provided capacity, a ratio of sums over the pool elements' up-time. */
  public double utilization() {
    return providedCapacity > 0 ? usedCapacity / providedCapacity : Double.NaN;
  }
}
