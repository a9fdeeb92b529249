package org.rserpool.emulator.cluster;

import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.rserpool.emulator.metrics.ClusterMetrics;
import org.rserpool.emulator.metrics.MetricsRegistry;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.Scenario;

/**
 * One node of an emulation that spans an Akka Cluster: its actor system (Artery, Kryo, the Split Brain
 * Resolver), its agent, its meters. Its part of the emulation starts when the coordinator's plan
 * arrives ({@link #emulation()}); the results of the whole emulation arrive at the end ({@link #results()}).
 */
public final class ClusterNode implements AutoCloseable {
  private final ClusterSettings settings;
  private final PrometheusMeterRegistry registry;
  private final ActorSystem<NodeAgent.Command> system;
  private final CompletableFuture<Emulation> emulation = new CompletableFuture<>();
  private final CompletableFuture<ClusterResults> results = new CompletableFuture<>();
  private volatile ClusterPlan plan;
  private volatile int index = -1;

  private ClusterNode(Scenario scenario) {
    this.settings = ClusterSettings.fromConfig(scenario.config());
    String node = scenario.config().getString("rserpool.node");
    this.registry = MetricsRegistry.create(node, Emulation.poolLabels(scenario));
    Config config = settings.akkaConfig().withFallback(scenario.config());
    NodeAgent.Listener listener = new NodeAgent.Listener() {
      @Override
      public void started(Emulation e, ClusterPlan p, int i) {
        plan = p;
        index = i;
        emulation.complete(e);
      }

      @Override
      public void membership(ClusterPlan p) {
        plan = p;
      }

      @Override
      public void finished(ClusterResults r) {
        results.complete(r);
      }

      @Override
      public void refused(String reason) {
        IllegalStateException e = new IllegalStateException(reason);
        emulation.completeExceptionally(e);
        results.completeExceptionally(e);
      }
    };
    this.system = ActorSystem.create(NodeAgent.create(scenario, settings, node, registry, listener), ClusterSettings.SYSTEM_NAME, config);
    Cluster cluster = Cluster.get(system);
    ClusterMetrics.register(registry,
        () -> (int) StreamSupport.stream(cluster.state().getMembers().spliterator(), false).filter(m -> m.status() == MemberStatus.up()).count(),
        () -> cluster.state().getUnreachable().size(),
        () -> plan == null ? 0 : plan.nodeFailures());
    Emulation.registerKryoCounters(registry);
  }

  /** Starts the node; it joins the cluster through the seed nodes and waits for the plan. */
  public static ClusterNode start(Scenario scenario) {
    return new ClusterNode(scenario);
  }

  public ClusterSettings settings() {
    return settings;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** This node's part of the emulation, once the plan has arrived (failed if the coordinator refused the node). */
  public CompletableFuture<Emulation> emulation() {
    return emulation;
  }

  /** The results of the whole emulation, once the coordinator has collected them. */
  public CompletableFuture<ClusterResults> results() {
    return results;
  }

  /** The plan as this node knows it now (null before it arrived). */
  public ClusterPlan plan() {
    return plan;
  }

  /** This node's index in the plan (-1 before). */
  public int index() {
    return index;
  }

  /** Asks the coordinator to end the emulation now and collect the results. */
  public void endNow() {
    system.tell(new NodeAgent.EndNow());
  }

  /** Leaves the cluster and stops this node's part and actor system. */
  @Override
  public void close() {
    Emulation e = emulation.getNow(null);
    try {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception ex) {
      // Stopping anyway.
    } finally {
      if (e != null) {
        try {
          e.stop(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException ex) {
          // The network and capture are closed regardless.
        }
      }
    }
  }
}
