package dev.envops.sandbox.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** JSON helpers for the AWS JSON 1.1 wire format (timestamps are epoch-second numbers). */
public final class AwsJson {

  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private AwsJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Epoch seconds with millisecond precision, as AWS services send them. */
  public static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }
}
