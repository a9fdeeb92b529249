package org.rserpool.emulator.protocol.calcapp;

import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;

/**
 * The CalcApp application protocol between pool users and pool elements, as rsplib defines it
 * (calcapppackets.h: PPID 34; type, flags, length, then job ID, job size and completed calculations)
 * and RSPSIM models it. A job is a number of calculations; a pool element serves its jobs by processor
 * sharing. Cookies travel as ASAP_COOKIE / ASAP_COOKIE_ECHO carrying a {@link CalcAppCookie}.
 */
public sealed interface CalcAppMessage extends Message {

  @Override
  default PayloadProtocol protocol() {
    return PayloadProtocol.CALCAPP;
  }

  /** The job, unsigned 32 bits, chosen by the pool user. */
  int jobId();

  /** CALCAPP_REQUEST (1): run a job of {@code jobSize} calculations. */
  record Request(int jobId, long jobSize) implements CalcAppMessage {
    public static final int TYPE = 1;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** CALCAPP_ACCEPT (2): the pool element runs the job. */
  record Accept(int jobId, long jobSize) implements CalcAppMessage {
    public static final int TYPE = 2;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** CALCAPP_REJECT (3): the pool element is full (MaxJobs) or rejects at random. */
  record Reject(int jobId) implements CalcAppMessage {
    public static final int TYPE = 3;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** CALCAPP_ABORT (4): the pool element gives the job up (shutdown, or the user's keep-alives stopped). */
  record Abort(int jobId) implements CalcAppMessage {
    public static final int TYPE = 4;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** CALCAPP_COMPLETE (5): the job is done. */
  record Complete(int jobId, long jobSize, long completed) implements CalcAppMessage {
    public static final int TYPE = 5;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** CALCAPP_KEEPALIVE (6): session keep-alive, sent by either side. */
  record KeepAlive(int jobId) implements CalcAppMessage {
    public static final int TYPE = 6;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** CALCAPP_KEEPALIVE_ACK (7). */
  record KeepAliveAck(int jobId) implements CalcAppMessage {
    public static final int TYPE = 7;

    @Override
    public int type() {
      return TYPE;
    }
  }
}
