package dev.envops.sandbox.ecr;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One image manifest in a simulated repository, with the tags that currently point at it. */
final class EcrImage {

  final String digest;
  final Set<String> tags = new LinkedHashSet<>();
  final Instant pushedAt;
  final long sizeInBytes;

  /** The manifest as pushed (its SHA-256 is the digest), or null for a digest-only test push. */
  final String manifest;

  final String manifestMediaType;

  EcrImage(
      String digest,
      Instant pushedAt,
      long sizeInBytes,
      String manifest,
      String manifestMediaType) {
    this.digest = digest;
    this.pushedAt = pushedAt;
    this.sizeInBytes = sizeInBytes;
    this.manifest = manifest;
    this.manifestMediaType = manifestMediaType;
  }

  List<String> tagList() {
    return List.copyOf(tags);
  }
}
