package org.rserpool.emulator.scenario;

import java.time.Duration;

/** When each kind of component starts, in emulated time after the start of the emulation. */
public record StartTimes(Duration registrars, Duration poolElements, Duration poolUsers, Duration attackers) {}
