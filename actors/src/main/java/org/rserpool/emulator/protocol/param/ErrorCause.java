package org.rserpool.emulator.protocol.param;

/**
 * One error cause inside an Operation Error parameter (RFC 5354 §3.12): a 16-bit cause code and its
 * cause-specific information (e.g. the offending parameter for "Unrecognized Parameter").
 */
public record ErrorCause(int code, Bytes info) {

  public ErrorCause {
    if (code < 0 || code > 0xffff) throw new IllegalArgumentException("cause code is 16 bits: " + code);
    if (info == null) info = Bytes.EMPTY;
  }

  public static ErrorCause of(int code) {
    return new ErrorCause(code, Bytes.EMPTY);
  }

  @Override
  public String toString() {
    return CauseCode.describe(code) + (info.length() == 0 ? "" : " " + info);
  }
}
