package org.rserpool.emulator.protocol.param;

/** IPv4 Address and IPv6 Address parameters (RFC 5354 §3.1, §3.2), the addresses inside a transport parameter. */
public sealed interface AddressParameter permits Ipv4Address, Ipv6Address {}
