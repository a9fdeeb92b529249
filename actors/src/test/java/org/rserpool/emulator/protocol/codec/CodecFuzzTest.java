package org.rserpool.emulator.protocol.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.ProtocolArbitraries;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.param.CauseCode;

/**
 * Feeds the decoder random and mutated input and requires that nothing but {@link CodecException}
 * escapes, and that what it does return or throw is consistent:
 *
 * <ul>
 *   <li>a decoded message encodes again and decodes to the same message;
 *   <li>an exception names an RFC 5354 cause 0x0-0x3 and an offset inside the input, and its error reply
 *       (when one is due) can be encoded and decoded;
 *   <li>the error reporting skipped parameters can be encoded and decoded.
 * </ul>
 *
 * <p>At least 1,000,000 inputs per run ({@code -Dcodec.fuzz.inputs=N} for more). The seed differs per run
 * so that every CI run explores new input; it is printed, and {@code -Dcodec.fuzz.seed=S} repeats a run.
 * A failure names the seed, the input number and the input as hex.
 */
class CodecFuzzTest {
  static final int INPUTS = Math.max(1_000_000, Integer.getInteger("codec.fuzz.inputs", 1_000_000));
  static final PayloadProtocol[] PROTOCOLS = PayloadProtocol.values();
  /** Values that sit on the edges of the length and type checks. */
  static final int[] INTERESTING_16 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 20, 24, 0x7f, 0x80, 0xff, 0x100,
      0x3f, 0x803f, 0x4000, 0x8000, 0xc000, 0x7fff, 0xfffc, 0xffff};

  record Sample(PayloadProtocol protocol, byte[] bytes) {}

  /** A jqwik example (run once), because the corpus samples jqwik's generators, which need its engine's thread. */
  @Example
  void nothingButCodecExceptionEscapesDecodingAndResultsAreConsistent() {
    long seed = Long.getLong("codec.fuzz.seed", System.nanoTime());
    System.out.printf("CodecFuzzTest: %,d inputs, seed %d (repeat with -Dcodec.fuzz.seed=%d)%n", INPUTS, seed, seed);
    Random random = new Random(seed);
    List<Sample> corpus = corpus(random);
    int decoded = 0;
    for (int i = 0; i < INPUTS; i++) {
      Sample input = next(random, corpus, i);
      try {
        if (check(input)) decoded++;
      } catch (Throwable t) {
        AssertionError failure = new AssertionError(String.format(
            "input %d of seed %d (repeat with -Dcodec.fuzz.seed=%d), decoded as %s: %s%n  input: %s",
            i, seed, seed, input.protocol(), t, HexFormat.of().formatHex(input.bytes())), t);
        throw failure;
      }
    }
    System.out.printf("CodecFuzzTest: %,d of %,d inputs decoded to a message, the rest raised CodecException%n", decoded, INPUTS);
    if (decoded == 0) fail("no input decoded: the mutations never leave a valid message, so the fuzzing is too blunt");
  }

  /** Decodes one input; returns whether it was a message. Throws on any inconsistency. */
  static boolean check(Sample input) throws CodecException {
    Decoded d;
    try {
      d = MessageCodec.decodeReporting(input.protocol(), input.bytes());
    } catch (CodecException e) {
      if (e.causeCode() < CauseCode.UNSPECIFIED_ERROR || e.causeCode() > CauseCode.INVALID_VALUES) {
        throw new AssertionError("cause outside RFC 5354's 0x0-0x3: " + e);
      }
      if (e.offset() < 0 || e.offset() > input.bytes().length) throw new AssertionError("offset outside the input: " + e);
      if (e.getMessage().isEmpty()) throw new AssertionError("no description");
      Optional<Message> reply = e.errorReply(0x01020304);
      boolean replyDue = e.reportable() && e.messageType() != MessageTypes.errorType(input.protocol());
      if (reply.isPresent() != replyDue) throw new AssertionError("error reply " + reply + " for " + e);
      if (reply.isPresent()) roundTrip(reply.get());
      return false;
    }
    roundTrip(d.message());
    d.errorReply(0x01020304).ifPresent(CodecFuzzTest::roundTripUnchecked);
    return true;
  }

  static void roundTrip(Message m) throws CodecException {
    for (WireConvention convention : WireConvention.values()) {
      Message back = MessageCodec.decode(m.protocol(), MessageCodec.encode(m, convention));
      if (!back.equals(m)) throw new AssertionError("re-encoded " + m + " decodes to " + back);
    }
  }

  static void roundTripUnchecked(Message m) {
    try {
      roundTrip(m);
    } catch (CodecException e) {
      throw new AssertionError("an error reply the codec built does not decode: " + e, e);
    }
  }

  /** Valid encodings to mutate: every sample and a few hundred generated messages, in both conventions. */
  static List<Sample> corpus(Random random) {
    List<Message> messages = new ArrayList<>(ProtocolSamples.all());
    Arbitrary<Message> generated = ProtocolArbitraries.anyMessage();
    var generator = generated.generator(50);
    for (int i = 0; i < 400; i++) messages.add(generator.next(random).value());
    List<Sample> corpus = new ArrayList<>();
    for (Message m : messages) {
      for (WireConvention convention : WireConvention.values()) {
        byte[] bytes = MessageCodec.encode(m, convention);
        if (bytes.length <= 4096) corpus.add(new Sample(m.protocol(), bytes));
      }
    }
    return corpus;
  }

  /** Every fourth input is purely random; the others are mutations of the corpus. */
  static Sample next(Random random, List<Sample> corpus, int i) {
    if (i % 4 == 0) {
      byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 16 : 96)];
      random.nextBytes(bytes);
      if (bytes.length >= 4 && random.nextBoolean()) { // a plausible header gets further into the decoder
        bytes[0] = (byte) (1 + random.nextInt(14));
        bytes[2] = (byte) (bytes.length >>> 8);
        bytes[3] = (byte) bytes.length;
      }
      return new Sample(PROTOCOLS[random.nextInt(PROTOCOLS.length)], bytes);
    }
    Sample base = corpus.get(random.nextInt(corpus.size()));
    byte[] bytes = base.bytes();
    int mutations = 1 + random.nextInt(random.nextInt(8) == 0 ? 8 : 3);
    for (int m = 0; m < mutations; m++) bytes = mutate(random, bytes, corpus);
    // Now and then the wrong protocol: the same type byte means something else in ASAP and ENRP.
    PayloadProtocol protocol = random.nextInt(16) == 0 ? PROTOCOLS[random.nextInt(PROTOCOLS.length)] : base.protocol();
    return new Sample(protocol, bytes);
  }

  static byte[] mutate(Random random, byte[] input, List<Sample> corpus) {
    byte[] b = input.clone();
    int n = b.length;
    switch (random.nextInt(11)) {
      case 0: // flip a bit
        if (n > 0) b[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
        return b;
      case 1: // a random byte
        if (n > 0) b[random.nextInt(n)] = (byte) random.nextInt(256);
        return b;
      case 2: // an interesting 16-bit value at an even offset: lengths and types are 16-bit fields at even offsets
        if (n >= 2) {
          int at = random.nextInt(n / 2) * 2;
          int v = random.nextBoolean() ? INTERESTING_16[random.nextInt(INTERESTING_16.length)] : n - at + random.nextInt(9) - 4;
          b[at] = (byte) (v >>> 8);
          b[at + 1] = (byte) v;
        }
        return b;
      case 3: // the Message Length near the real one
        if (n >= 4) {
          int v = Math.max(0, n + random.nextInt(13) - 6);
          b[2] = (byte) (v >>> 8);
          b[3] = (byte) v;
        }
        return b;
      case 4: // truncate
        return Arrays.copyOf(b, n == 0 ? 0 : random.nextInt(n));
      case 5: // append
        byte[] tail = new byte[1 + random.nextInt(8)];
        if (random.nextBoolean()) random.nextBytes(tail);
        byte[] longer = Arrays.copyOf(b, n + tail.length);
        System.arraycopy(tail, 0, longer, n, tail.length);
        return longer;
      case 6: // delete a range
        if (n < 2) return b;
        int from = random.nextInt(n);
        int len = 1 + random.nextInt(Math.min(16, n - from));
        byte[] shorter = new byte[n - len];
        System.arraycopy(b, 0, shorter, 0, from);
        System.arraycopy(b, from + len, shorter, from, n - from - len);
        return shorter;
      case 7: // duplicate a range (repeats a parameter when it hits one)
        if (n < 1) return b;
        int start = random.nextInt(n);
        int count = 1 + random.nextInt(Math.min(32, n - start));
        byte[] dup = new byte[n + count];
        System.arraycopy(b, 0, dup, 0, start + count);
        System.arraycopy(b, start, dup, start + count, n - start);
        return dup;
      case 8: // splice: the head of this one, the tail of another
        byte[] other = corpus.get(random.nextInt(corpus.size())).bytes();
        int cut = n == 0 ? 0 : random.nextInt(n);
        int otherCut = random.nextInt(other.length);
        byte[] spliced = Arrays.copyOf(b, cut + other.length - otherCut);
        System.arraycopy(other, otherCut, spliced, cut, other.length - otherCut);
        return spliced;
      case 9: // set the action bits of a 16-bit field (an unknown parameter that is to be skipped or reported)
        if (n >= 2) {
          int at = random.nextInt(n / 2) * 2;
          b[at] = (byte) (b[at] & 0x3f | random.nextInt(4) << 6);
        }
        return b;
      default: // another message type
        if (n > 0) b[0] = (byte) (random.nextBoolean() ? random.nextInt(16) : random.nextInt(256));
        return b;
    }
  }
}
