package dev.envops.sandbox.lightsail;

/** A validated {@code UpdateContainerService} request; null members were not sent. */
record ServiceUpdate(String power, Integer scale, Boolean isDisabled, Boolean pullerActive) {}
