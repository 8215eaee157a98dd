package dev.envops.sandbox.ecr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A simulated repository: images in push order and an optional policy. Guarded by its owner. */
final class EcrRepository {

  final String account;
  final String region;
  final String name;
  final Instant createdAt;
  final List<EcrImage> images = new ArrayList<>();
  String policyText;

  EcrRepository(String account, String region, String name, Instant createdAt) {
    this.account = account;
    this.region = region;
    this.name = name;
    this.createdAt = createdAt;
  }

  String uri() {
    return account + ".dkr.ecr." + region + ".amazonaws.com/" + name;
  }

  String arn() {
    return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
  }

  Optional<EcrImage> byTag(String tag) {
    return images.stream().filter(image -> image.tags.contains(tag)).findFirst();
  }

  Optional<EcrImage> byDigest(String digest) {
    return images.stream().filter(image -> image.digest.equals(digest)).findFirst();
  }
}
