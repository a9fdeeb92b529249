package org.rserpool.emulator.handlespace;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;

/**
 * The handlespace operations a registrar performs, in one pool of 10, 1,000 and 100,000 pool
 * elements: registration of a new pool element, re-registration with a changed load (least used),
 * handle resolution of 3 items with least used, round robin and random, deregistration, and a 1:1 mix
 * of load updates and least-used resolutions. Loads are multiples of 1 % (RSPSIM: jobs / MaxJobs with
 * MaxJobs 100), so many pool elements share a load. Run with {@code ./bench Handlespace}; the numbers
 * and rsplib's are in docs/performance.md.
 *
 * <p>Registration and deregistration restore the pool after every invocation outside the measured
 * time (JMH Level.Invocation); {@code churn} measures the pair without that help, as a cross-check.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HandlespaceBenchmark {
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final int HOME = 0x1234abcd;
  /** Fresh identifiers prepared per state; the index walks through them. */
  static final int FRESH = 1 << 14;

  static PoolElementParameter parameter(int id, SelectionPolicy policy) {
    Ipv4Address address = Ipv4Address.of(10, 1 + (id >>> 16 & 0x7f), id >>> 8 & 0xff, id & 0xff);
    return new PoolElementParameter(id, HOME, 300_000, SctpTransport.of(address, 1024, TransportUse.DATA_ONLY), policy,
        SctpTransport.of(address, 3863, TransportUse.DATA_ONLY));
  }

  static SelectionPolicy policy(PolicyType type, SplittableRandom random) {
    return type == PolicyType.LEAST_USED
        ? new SelectionPolicy(type, 0, SelectionPolicy.fraction(random.nextInt(101) / 100.0), 0, 0, 0, 0)
        : SelectionPolicy.of(type);
  }

  /** A handlespace with one pool of {@code poolSize} pool elements of one policy. */
  @State(Scope.Thread)
  public abstract static class PoolState {
    @Param({"10", "1000", "100000"})
    public int poolSize;

    Handlespace handlespace;
    SplittableRandom random;
    int[] identifiers;
    final PoolElementEntry[] out = new PoolElementEntry[3];
    int next;

    abstract PolicyType type();

    @Setup(Level.Trial)
    public void fill() {
      random = new SplittableRandom(poolSize);
      handlespace = new Handlespace(Handlespace.Options.defaults(), new SplittableRandom(1));
      identifiers = new int[poolSize];
      for (int i = 0; i < poolSize; i++) {
        int id;
        do {
          id = random.nextInt() | 1; // odd: the fresh ones of RegistrationState are even
        } while (handlespace.find(POOL, id) != null);
        identifiers[i] = id;
        handlespace.register(POOL, parameter(id, policy(type(), random)), 0);
      }
      prepare();
    }

    /** More preparation after the pool is filled (JMH does not order the @Setup methods of a hierarchy). */
    void prepare() {}

    /** The identifier of a pool element of the pool, in a random order. */
    int someIdentifier() {
      return identifiers[random.nextInt(poolSize)];
    }
  }

  public static class LeastUsed extends PoolState {
    /** Per pool element two different loads; an update registers the other one. */
    long[][] loads;
    boolean[] flipped;

    @Override
    PolicyType type() {
      return PolicyType.LEAST_USED;
    }

    @Override
    void prepare() {
      loads = new long[poolSize][2];
      flipped = new boolean[poolSize];
      for (int i = 0; i < poolSize; i++) {
        long now = handlespace.find(POOL, identifiers[i]).policy().load();
        long other;
        do {
          other = SelectionPolicy.fraction(random.nextInt(101) / 100.0);
        } while (other == now);
        loads[i][0] = now;
        loads[i][1] = other;
      }
    }

    /**
     * A re-registration of a random pool element with a changed load. The parameter is built here, as
     * the registrar gets a freshly decoded one with every ASAP_REGISTRATION.
     */
    RegistrationResult updateLoad() {
      int i = random.nextInt(poolSize);
      flipped[i] = !flipped[i];
      SelectionPolicy policy = new SelectionPolicy(PolicyType.LEAST_USED, 0, loads[i][flipped[i] ? 1 : 0], 0, 0, 0, 0);
      return handlespace.register(POOL, parameter(identifiers[i], policy), 1);
    }
  }

  public static class RoundRobin extends PoolState {
    @Override
    PolicyType type() {
      return PolicyType.ROUND_ROBIN;
    }
  }

  public static class Random extends PoolState {
    @Override
    PolicyType type() {
      return PolicyType.RANDOM;
    }
  }

  /** Round-robin pool plus fresh (even) identifiers for new registrations. */
  public static class Registration extends PoolState {
    int[] fresh;
    int added;

    @Override
    PolicyType type() {
      return PolicyType.ROUND_ROBIN;
    }

    @Override
    void prepare() {
      fresh = new int[FRESH];
      for (int i = 0; i < FRESH; i++) fresh[i] = (random.nextInt() & ~1) | 2;
    }

    @TearDown(Level.Invocation)
    public void removeAdded() {
      if (added != 0) handlespace.deregister(POOL, added);
      added = 0;
    }
  }

  /** Round-robin pool; the removed pool element comes back after each invocation. */
  public static class Deregistration extends PoolState {
    PoolElementParameter removed;

    @Override
    PolicyType type() {
      return PolicyType.ROUND_ROBIN;
    }

    @TearDown(Level.Invocation)
    public void restore() {
      if (removed != null) handlespace.register(POOL, removed, 2);
      removed = null;
    }
  }

  @Benchmark
  public RegistrationResult registration(Registration s) {
    s.added = s.fresh[s.next++ & (FRESH - 1)];
    return s.handlespace.register(POOL, parameter(s.added, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 1);
  }

  @Benchmark
  public PoolElementEntry deregistration(Deregistration s) {
    PoolElementEntry e = s.handlespace.deregister(POOL, s.someIdentifier());
    s.removed = e.parameter();
    return e;
  }

  /** A pool element leaves and comes back: deregistration plus registration of a new entry, no JMH fixtures. */
  @Benchmark
  @OperationsPerInvocation(2)
  public RegistrationResult churn(RoundRobin s) {
    PoolElementEntry e = s.handlespace.deregister(POOL, s.someIdentifier());
    return s.handlespace.register(POOL, e.parameter(), 1);
  }

  @Benchmark
  public RegistrationResult loadUpdate(LeastUsed s) {
    return s.updateLoad();
  }

  @Benchmark
  public PoolElementEntry handleResolutionLeastUsed(LeastUsed s) {
    s.handlespace.select(POOL, 3, 0, s.out);
    return s.out[0];
  }

  @Benchmark
  public PoolElementEntry handleResolutionRoundRobin(RoundRobin s) {
    s.handlespace.select(POOL, 3, 0, s.out);
    return s.out[0];
  }

  @Benchmark
  public PoolElementEntry handleResolutionRandom(Random s) {
    s.handlespace.select(POOL, 3, 0, s.out);
    return s.out[0];
  }

  /** One load update and one least-used resolution of 3 items: two operations. */
  @Benchmark
  @OperationsPerInvocation(2)
  public PoolElementEntry mixLoadUpdateAndResolution(LeastUsed s) {
    s.updateLoad();
    s.handlespace.select(POOL, 3, 0, s.out);
    return s.out[0];
  }
}
