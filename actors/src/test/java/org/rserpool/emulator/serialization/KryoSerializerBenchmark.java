package org.rserpool.emulator.serialization;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.asap.AsapMessage;

/**
 * What a message costs to cross cluster nodes: Kryo serialization of a packet carrying an
 * ASAP_REGISTRATION and one carrying a HANDLE_RESOLUTION_RESPONSE with two pool elements.
 * Run with {@code ./bench KryoSerializer}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class KryoSerializerBenchmark {
  private ActorSystem<Void> system;
  private KryoSerializer serializer;
  private Packet registration;
  private Packet resolutionResponse;
  private byte[] registrationBytes;
  private byte[] resolutionResponseBytes;

  @Setup(Level.Trial)
  public void setUp() {
    system = ActorSystem.create(Behaviors.empty(), "bench", ConfigFactory.parseString("akka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    serializer = new KryoSerializer((ExtendedActorSystem) Adapter.toClassic(system));
    TransportAddress pe = TransportAddress.parse("10.1.16.1:3863");
    TransportAddress pr = TransportAddress.parse("10.1.0.1:3863");
    registration = new Packet(pe, pr, ProtocolSamples.asap().get(0));
    resolutionResponse = new Packet(pr, pe, ProtocolSamples.asap().stream()
        .filter(m -> m instanceof AsapMessage.HandleResolutionResponse r && !r.poolElements().isEmpty()).findFirst().orElseThrow());
    registrationBytes = serializer.toBinary(registration);
    resolutionResponseBytes = serializer.toBinary(resolutionResponse);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    system.terminate();
  }

  @Benchmark
  public byte[] serializeRegistration() {
    return serializer.toBinary(registration);
  }

  @Benchmark
  public Object deserializeRegistration() {
    return serializer.fromBinaryJava(registrationBytes, null);
  }

  @Benchmark
  public byte[] serializeHandleResolutionResponse() {
    return serializer.toBinary(resolutionResponse);
  }

  @Benchmark
  public Object deserializeHandleResolutionResponse() {
    return serializer.fromBinaryJava(resolutionResponseBytes, null);
  }
}
