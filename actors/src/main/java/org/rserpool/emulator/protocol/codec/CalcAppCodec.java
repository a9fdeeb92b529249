package org.rserpool.emulator.protocol.codec;

import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.Abort;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.Accept;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.Complete;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.KeepAlive;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.KeepAliveAck;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.Reject;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage.Request;

/**
 * rsplib's CalcApp message (calcapppackets.h {@code struct CalcAppMessage}, packed, network order, PPID 34):
 * Type, Flags, Length (always 24), Job ID (32 bits), Job Size and Completed (64 bits each). rsplib fills
 * Job Size in REQUEST and COMPLETE, Completed in COMPLETE, and zeros elsewhere (calcappservice.cc);
 * the records carry exactly the fields that matter for their type, and the others are written as 0 and
 * ignored when read, as rsplib does. There are no flags and no error message.
 */
final class CalcAppCodec {
  private CalcAppCodec() {}

  /** sizeof(struct CalcAppMessage). */
  static final int LENGTH = 24;

  static void encode(WireWriter w, CalcAppMessage m) {
    long jobSize = 0;
    long completed = 0;
    if (m instanceof Request r) {
      jobSize = r.jobSize();
    } else if (m instanceof Accept a) {
      jobSize = a.jobSize();
    } else if (m instanceof Complete c) {
      jobSize = c.jobSize();
      completed = c.completed();
    }
    w.beginMessage(m.type(), 0);
    w.u32(m.jobId());
    w.u64(jobSize);
    w.u64(completed);
  }

  static CalcAppMessage decode(DecodeContext c) throws CodecException {
    int length = c.messageLength();
    int type = c.u8(0);
    if (!MessageTypes.isKnown(c.protocol(), type)) throw c.unrecognizedMessage(length);
    if (length != LENGTH || c.available() != LENGTH) {
      throw c.unspecified(2, "a CalcApp message has %d bytes, not %d (Length field %d)", LENGTH, c.available(), length);
    }
    int jobId = c.u32(4);
    long jobSize = c.u64(8);
    return switch (type) {
      case Request.TYPE -> new Request(jobId, jobSize);
      case Accept.TYPE -> new Accept(jobId, jobSize);
      case Reject.TYPE -> new Reject(jobId);
      case Abort.TYPE -> new Abort(jobId);
      case Complete.TYPE -> new Complete(jobId, jobSize, c.u64(16));
      case KeepAlive.TYPE -> new KeepAlive(jobId);
      case KeepAliveAck.TYPE -> new KeepAliveAck(jobId);
      default -> throw c.unrecognizedMessage(length);
    };
  }
}
