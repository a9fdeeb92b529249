package org.rserpool.emulator.runtime;

/**
 * A snapshot of one node's statistics, as the progress line, the summary and the results use them.
 * Times are emulated seconds. Most fields are cumulative (counts and sums since the emulation
 * started); the component counts ({@code registrars} … {@code jobQueueLength}) are gauges, the value
 * now. {@link #minus} turns two snapshots into the statistics of the window between them, which is how
 * RSPSIM's statistics reset at the end of the warm-up is done (rspsim-model.md §4).
 *
 * <p>Pool element and pool user figures are RSPSIM's (rspsim-model.md §4): used capacity =
 * calculations performed, provided capacity = up-time × capacity, job size completed = the sizes of the
 * completed jobs, goodput = the calculations cookies and completions confirmed (RSPSIM's bookkeeping
 * of it). Per-job samples are {@link Sample}s: queuing delay taken at job start, startup delay at the
 * first accept, processing, handling, goodput and failover time at completion. Packets are those the
 * components sent, by protocol; messages are what the network did with them: delivered, dropped at an
 * unbound address (unroutable), lost (loss models, full rate queues or delay line), dropped by partitions;
 * with SCTP associations, retransmissions and associations lost count what they did.
 *
 * @param windowStartSeconds when the statistics window began (0, or the warm-up's end after {@link #minus})
 */
public record Statistics(
    double emulatedSeconds,
    double windowStartSeconds,
    // Gauges: the components now.
    long registrars,
    long pools,
    long poolElementsInHandlespaces,
    long poolElementsRunning,
    long poolElementsRegistered,
    long poolUsersRunning,
    long attackersRunning,
    long jobQueueLength,
    // Registrars (RSPSIM's Registrar Global ... scalars).
    long registrations,
    long deregistrations,
    long handleResolutions,
    long refusedHandleResolutions,
    long endpointUnreachables,
    long refusedEndpointUnreachables,
    long keepAlivesSent,
    long keepAliveAcksReceived,
    long keepAliveTimeouts,
    long lifetimeExpiries,
    long handleUpdates,
    long requestedPresences,
    long peerListRequests,
    long handleTableRequests,
    long takeoversStarted,
    long takeoversByConsent,
    long takeoversByTimeout,
    long startupsWithMentor,
    long startupsAlone,
    // Pool users (CalcAppPU Global ...).
    long jobsQueued,
    long jobsStarted,
    long jobsCompleted,
    double jobSizeCompleted,
    double goodput,
    Sample queuingDelay,
    Sample startupDelay,
    Sample processingTime,
    Sample handlingTime,
    Sample goodputTime,
    Sample failoverTime,
    long serverSelections,
    long requests,
    long cookieEchoes,
    long accepts,
    long rejects,
    long failovers,
    long unreachables,
    long invariantViolations,
    // Pool elements (CalcAppPE Global ...).
    double usedCapacity,
    double providedCapacity,
    long attackRequests,
    // The network.
    long asapPackets,
    long enrpPackets,
    long calcAppPackets,
    long messagesDelivered,
    long messagesUnroutable,
    long messagesLost,
    long messagesPartitioned,
    // SCTP associations (README, "SCTP associations"): retransmissions, associations lost, and the pool
    // elements registrars removed because theirs was.
    long retransmissions,
    long associationsLost,
    long associationLosses) {

  /** Samples of one per-job time: how many, and their sum in seconds. */
  public record Sample(long count, double sumSeconds) {
    public static final Sample NONE = new Sample(0, 0);

    /** The mean in seconds, NaN without samples. */
    public double mean() {
      return count > 0 ? sumSeconds / count : Double.NaN;
    }

    Sample minus(Sample start) {
      return new Sample(count - start.count, sumSeconds - start.sumSeconds);
    }
  }

  /**
   * The statistics of the window from {@code start} (an earlier snapshot of the same emulation) to this
   * one: cumulative fields are differences, gauges are this snapshot's. As in RSPSIM, a job queued
   * before the window and completed in it counts with its whole handling time.
   */
  public Statistics minus(Statistics start) {
    Statistics s = start;
    return new Statistics(
        emulatedSeconds, s.emulatedSeconds,
        registrars, pools, poolElementsInHandlespaces, poolElementsRunning, poolElementsRegistered, poolUsersRunning,
        attackersRunning, jobQueueLength,
        registrations - s.registrations, deregistrations - s.deregistrations, handleResolutions - s.handleResolutions,
        refusedHandleResolutions - s.refusedHandleResolutions, endpointUnreachables - s.endpointUnreachables,
        refusedEndpointUnreachables - s.refusedEndpointUnreachables, keepAlivesSent - s.keepAlivesSent,
        keepAliveAcksReceived - s.keepAliveAcksReceived, keepAliveTimeouts - s.keepAliveTimeouts,
        lifetimeExpiries - s.lifetimeExpiries, handleUpdates - s.handleUpdates, requestedPresences - s.requestedPresences,
        peerListRequests - s.peerListRequests, handleTableRequests - s.handleTableRequests,
        takeoversStarted - s.takeoversStarted, takeoversByConsent - s.takeoversByConsent,
        takeoversByTimeout - s.takeoversByTimeout, startupsWithMentor - s.startupsWithMentor, startupsAlone - s.startupsAlone,
        jobsQueued - s.jobsQueued, jobsStarted - s.jobsStarted, jobsCompleted - s.jobsCompleted,
        jobSizeCompleted - s.jobSizeCompleted, goodput - s.goodput,
        queuingDelay.minus(s.queuingDelay), startupDelay.minus(s.startupDelay), processingTime.minus(s.processingTime),
        handlingTime.minus(s.handlingTime), goodputTime.minus(s.goodputTime), failoverTime.minus(s.failoverTime),
        serverSelections - s.serverSelections, requests - s.requests, cookieEchoes - s.cookieEchoes,
        accepts - s.accepts, rejects - s.rejects, failovers - s.failovers, unreachables - s.unreachables,
        invariantViolations - s.invariantViolations,
        usedCapacity - s.usedCapacity, providedCapacity - s.providedCapacity, attackRequests - s.attackRequests,
        asapPackets - s.asapPackets, enrpPackets - s.enrpPackets, calcAppPackets - s.calcAppPackets,
        messagesDelivered - s.messagesDelivered, messagesUnroutable - s.messagesUnroutable,
        messagesLost - s.messagesLost, messagesPartitioned - s.messagesPartitioned,
        retransmissions - s.retransmissions, associationsLost - s.associationsLost, associationLosses - s.associationLosses);
  }

  /**
   * The statistics of two nodes of one emulation together (the same window on both): counts, sums,
   * samples and the component gauges add up; the times are the later of the two.
   */
  public Statistics plus(Statistics other) {
    java.lang.reflect.RecordComponent[] components = Statistics.class.getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        Object a = components[i].getAccessor().invoke(this);
        Object b = components[i].getAccessor().invoke(other);
        String name = components[i].getName();
        if (name.equals("emulatedSeconds") || name.equals("windowStartSeconds")) {
          values[i] = Math.max((double) a, (double) b);
        } else if (a instanceof Long x) {
          values[i] = x + (Long) b;
        } else if (a instanceof Double x) {
          values[i] = x + (Double) b;
        } else {
          Sample x = (Sample) a;
          Sample y = (Sample) b;
          values[i] = new Sample(x.count + y.count, x.sumSeconds + y.sumSeconds);
        }
      }
      Class<?>[] types = java.util.Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
      return Statistics.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot add statistics", e);
    }
  }

  /** Emulated seconds the statistics cover. */
  public double windowSeconds() {
    return emulatedSeconds - windowStartSeconds;
  }

  public double meanQueuingDelay() {
    return queuingDelay.mean();
  }

  public double meanStartupDelay() {
    return startupDelay.mean();
  }

  public double meanProcessingTime() {
    return processingTime.mean();
  }

  public double meanHandlingTime() {
    return handlingTime.mean();
  }

  public double meanFailoverTime() {
    return failoverTime.mean();
  }

  /** The sum of the completed jobs' handling times (s). */
  public double handlingTimeSum() {
    return handlingTime.sumSeconds();
  }

  /** RSPSIM's system average handling speed: job size completed / handling time, a ratio of sums (calculations/s). */
  public double handlingSpeed() {
    return handlingTime.sumSeconds() > 0 ? jobSizeCompleted / handlingTime.sumSeconds() : Double.NaN;
  }

  /** RSPSIM's system utilization: used / provided capacity, a ratio of sums over the pool elements' up-time. */
  public double utilization() {
    return providedCapacity > 0 ? usedCapacity / providedCapacity : Double.NaN;
  }
}
