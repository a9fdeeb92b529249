package org.rserpool.emulator.protocol.param;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: the opaque values of RFC 5354 (pool handles, cookies, error cause
 * information, opaque transports). A record over a copied array, with value equality, because a
 * record's generated {@code equals} would compare array identity.
 */
public record Bytes(byte[] array) {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  public Bytes {
    array = array.clone();
  }

  public static Bytes of(byte... bytes) {
    return new Bytes(bytes);
  }

  public static Bytes fromHex(String hex) {
    return new Bytes(HexFormat.of().parseHex(hex));
  }

  /** A copy: the record never hands out its own array. */
  @Override
  public byte[] array() {
    return array.clone();
  }

  public int length() {
    return array.length;
  }

  public byte get(int index) {
    return array[index];
  }

  /** Copies the bytes into {@code destination} at {@code offset}, without the copy {@link #array()} makes. */
  public void copyTo(byte[] destination, int offset) {
    System.arraycopy(array, 0, destination, offset, array.length);
  }

  /** The bytes {@code source[from, from + length)}. */
  public static Bytes copyOf(byte[] source, int from, int length) {
    return new Bytes(Arrays.copyOfRange(source, from, from + length));
  }

  public String toHex() {
    return HexFormat.of().formatHex(array);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes b && Arrays.equals(array, b.array);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(array);
  }

  @Override
  public String toString() {
    return "0x" + toHex();
  }
}
