package org.rserpool.emulator.protocol.codec;

import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;

/**
 * Encoding and decoding speed of three messages: an ASAP_REGISTRATION (the §4.x worked example, 68 bytes),
 * an ASAP_HANDLE_RESOLUTION_RESPONSE with 3 pool elements (184 bytes) and an ENRP_HANDLE_TABLE_RESPONSE
 * with 128 pool elements with ASAP transports (8,728 bytes). Run with {@code ./bench Codec -prof gc} for
 * the allocation per operation ({@code gc.alloc.rate.norm}, bytes/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  private Message registration;
  private Message resolutionResponse;
  private Message tableResponse;
  private byte[] registrationBytes;
  private byte[] resolutionResponseBytes;
  private byte[] tableResponseBytes;

  @Setup(Level.Trial)
  public void setUp() {
    PoolElementParameter pe = ProtocolSamples.poolElement();
    registration = new AsapMessage.Registration(ProtocolSamples.POOL, pe);
    List<PoolElementParameter> three = new ArrayList<>();
    for (int i = 1; i <= 3; i++) three.add(withIdentifier(pe.withHome(ProtocolSamples.PR_A), i));
    resolutionResponse = new AsapMessage.HandleResolutionResponse(false, ProtocolSamples.POOL, pe.policy(), three, null);
    List<PoolElementParameter> table = new ArrayList<>();
    for (int i = 1; i <= 128; i++) table.add(withIdentifier(ProtocolSamples.ownedPoolElement(), i));
    tableResponse = new EnrpMessage.HandleTableResponse(false, false, ProtocolSamples.PR_A, ProtocolSamples.PR_B,
        List.of(new PoolEntry(ProtocolSamples.POOL, table)));
    registrationBytes = MessageCodec.encode(registration);
    resolutionResponseBytes = MessageCodec.encode(resolutionResponse);
    tableResponseBytes = MessageCodec.encode(tableResponse);
  }

  private static PoolElementParameter withIdentifier(PoolElementParameter pe, int identifier) {
    return new PoolElementParameter(identifier, pe.homeEnrpServerIdentifier(), pe.registrationLife(), pe.userTransport(),
        pe.policy(), pe.asapTransport());
  }

  @Benchmark
  public byte[] encodeRegistration() {
    return MessageCodec.encode(registration);
  }

  @Benchmark
  public Message decodeRegistration() throws CodecException {
    return MessageCodec.decode(PayloadProtocol.ASAP, registrationBytes);
  }

  @Benchmark
  public byte[] encodeHandleResolutionResponse3() {
    return MessageCodec.encode(resolutionResponse);
  }

  @Benchmark
  public Message decodeHandleResolutionResponse3() throws CodecException {
    return MessageCodec.decode(PayloadProtocol.ASAP, resolutionResponseBytes);
  }

  @Benchmark
  public byte[] encodeHandleTableResponse128() {
    return MessageCodec.encode(tableResponse);
  }

  @Benchmark
  public Message decodeHandleTableResponse128() throws CodecException {
    return MessageCodec.decode(PayloadProtocol.ENRP, tableResponseBytes);
  }
}
