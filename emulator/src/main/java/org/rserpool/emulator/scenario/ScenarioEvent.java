package org.rserpool.emulator.scenario;

import java.time.Duration;

/** Something a scenario does to a component at a given emulated time, e.g. crash a registrar after 60 s. */
public record ScenarioEvent(Duration at, ComponentAction action, String component) {}
