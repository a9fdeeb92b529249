package org.rserpool.emulator.protocol.param;

/**
 * rsplib's Handle Resolution option (type 0x803f = 0x003f with action bits "skip"; from
 * draft-dreibholz-rserpool-asap-hropt): how many pool elements a pool user wants in the response.
 * 0xffffffff means "as many as possible".
 */
public record HandleResolutionOption(long items) {
  public static final int TYPE = 0x803f;
  public static final long AS_MANY_AS_POSSIBLE = 0xffffffffL;

  public HandleResolutionOption {
    if (items < 0 || items > 0xffffffffL) throw new IllegalArgumentException("items is 32 bits unsigned: " + items);
  }
}
