package org.rserpool.emulator.handlespace;

import java.util.SplittableRandom;
import org.openjdk.jol.info.GraphLayout;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;

/**
 * Memory per pool element entry, measured with JOL over the whole object graph of a handlespace with
 * one pool of 100,000 least-used pool elements (each with an SCTP user transport and an ASAP transport
 * of one IPv4 address, as the benchmark registers them), with an expiry timer running for each.
 * Prints the total per entry and how much of it is the registered parameters. A measurement, not a
 * test; the command is in docs/performance.md.
 */
public final class HandlespaceFootprint {
  private HandlespaceFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    SplittableRandom random = new SplittableRandom(1);
    Handlespace hs = new Handlespace(Handlespace.Options.defaults(), new SplittableRandom(1));
    PoolElementParameter[] parameters = new PoolElementParameter[n];
    for (int i = 0; i < n; i++) {
      int id;
      do {
        id = random.nextInt() | 1;
      } while (hs.find(HandlespaceBenchmark.POOL, id) != null);
      parameters[i] = HandlespaceBenchmark.parameter(id, HandlespaceBenchmark.policy(PolicyType.LEAST_USED, random));
      PoolElementEntry e = hs.register(HandlespaceBenchmark.POOL, parameters[i], i).entry();
      hs.startExpiryTimer(e);
    }
    GraphLayout graph = GraphLayout.parseInstance(hs);
    long total = graph.totalSize();
    // The parameters' own graph, without the array that holds them here.
    long paramsOnly = GraphLayout.parseInstance((Object[]) parameters).totalSize();
    System.out.printf("%d pool elements: %.1f bytes per entry in all, of which %.1f the registered parameters "
        + "(PoolElementParameter with its transports, addresses and policy) and %.1f the handlespace's own structures%n",
        n, total / (double) n, paramsOnly / (double) n, (total - paramsOnly) / (double) n);
    System.out.println(graph.toFootprint());
  }
}
