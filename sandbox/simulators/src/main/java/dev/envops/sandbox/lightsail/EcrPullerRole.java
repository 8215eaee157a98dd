package dev.envops.sandbox.lightsail;

/**
 * The service's ECR image-puller role; its principal (not the service's own) is what a repository
 * policy must grant. The principal is empty while the role is inactive.
 */
public record EcrPullerRole(boolean isActive, String principalArn) {}
