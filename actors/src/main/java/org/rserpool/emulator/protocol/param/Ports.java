package org.rserpool.emulator.protocol.param;

final class Ports {
  private Ports() {}

  static void check(int port) {
    if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range 0..65535: " + port);
  }
}
