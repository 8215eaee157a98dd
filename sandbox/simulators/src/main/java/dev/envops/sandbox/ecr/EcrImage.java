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

  EcrImage(String digest, Instant pushedAt, long sizeInBytes) {
    this.digest = digest;
    this.pushedAt = pushedAt;
    this.sizeInBytes = sizeInBytes;
  }

  List<String> tagList() {
    return List.copyOf(tags);
  }
}
