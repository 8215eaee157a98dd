package dev.envops.sandbox.sts;

import dev.envops.sandbox.aws.AwsAccounts;
import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.CallLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated AWS STS {@code AssumeRole} (query protocol, XML answers), as the STS API reference and
 * botocore's {@code sts/2011-06-15/service-2.json} describe it: a role ARN of {@code
 * arn:aws:iam::ACCOUNT:role/PATH/NAME}, a session name of 2–64 characters of {@code [\w+=,.@-]}, a
 * duration of 900–43,200 s (default 3,600); temporary keys ({@code ASIA…}) with a session token and
 * an expiration, which then act in the role's account ({@link AwsAccounts}); a role the caller may
 * not assume answers HTTP 403 {@code AccessDenied}. Not modelled: trust-policy conditions (external
 * id, source identity, tags), session policies, role chaining limits, the keys expiring (they work
 * until the simulator stops), regional endpoints being disabled.
 */
public final class StsSimulator {

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::([0-9]{12}):role/([\\w+=,.@/-]{1,512})");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final AwsAccounts accounts;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Set<String> assumable = ConcurrentHashMap.newKeySet();
  private final Map<String, String> roleOfKey = new ConcurrentHashMap<>();
  private final CallLog calls = new CallLog();

  public StsSimulator(AwsAccounts accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Creates {@code roleArn} with a trust policy that lets any caller assume it. */
  public StsSimulator allowRole(String roleArn) {
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw new IllegalArgumentException("not a role ARN: " + roleArn);
    }
    assumable.add(roleArn);
    return this;
  }

  /** How many {@code AssumeRole} calls arrived (refused ones included). */
  public int assumeRoleCount() {
    return calls.count("AssumeRole");
  }

  /** The role whose temporary key {@code accessKeyId} is, if it is one. */
  public String roleOf(String accessKeyId) {
    return roleOfKey.get(accessKeyId);
  }

  /** Answers one query-protocol request from {@code callerAccount}: the XML body. */
  public String handle(Map<String, String> params, String callerAccount) {
    String action = params.getOrDefault("Action", "");
    calls.record(action);
    if (!"AssumeRole".equals(action)) {
      throw new AwsErrorException(
          "InvalidAction", 400, "Could not find operation " + action + " for version 2011-06-15");
    }
    return assumeRole(params, callerAccount);
  }

  private String assumeRole(Map<String, String> params, String callerAccount) {
    String roleArn = params.get("RoleArn");
    String session = params.get("RoleSessionName");
    if (roleArn == null || session == null) {
      throw new AwsErrorException(
          "MissingParameter",
          400,
          "The request must contain the parameter "
              + (roleArn == null ? "RoleArn" : "RoleSessionName"));
    }
    Matcher arn = ROLE_ARN.matcher(roleArn);
    if (!arn.matches() || roleArn.length() > 2048) {
      throw new AwsErrorException("ValidationError", 400, "Invalid ARN: " + roleArn);
    }
    if (!SESSION_NAME.matcher(session).matches()) {
      throw new AwsErrorException(
          "ValidationError",
          400,
          "1 validation error detected: Value '"
              + session
              + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w+=,.@-]* and length between 2 and 64");
    }
    long seconds = Long.parseLong(params.getOrDefault("DurationSeconds", "3600"));
    if (seconds < 900) {
      throw new AwsErrorException(
          "ValidationError",
          400,
          "1 validation error detected: Value '"
              + seconds
              + "' at 'durationSeconds' failed to satisfy constraint: Member must have value"
              + " greater than or equal to 900");
    }
    if (seconds > 43_200) {
      throw new AwsErrorException(
          "ValidationError",
          400,
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    if (!assumable.contains(roleArn)) {
      throw new AwsErrorException(
          "AccessDenied",
          403,
          "User: arn:aws:sts::"
              + callerAccount
              + ":assumed-role/envops/caller is not authorized to perform: sts:AssumeRole on"
              + " resource: "
              + roleArn);
    }
    String account = arn.group(1);
    String roleName = arn.group(2).substring(arn.group(2).lastIndexOf('/') + 1);
    String accessKey = "ASIA" + randomKey(16);
    accounts.register(accessKey, account);
    roleOfKey.put(accessKey, roleArn);
    Instant expiration =
        clock.instant().plus(Duration.ofSeconds(seconds)).truncatedTo(ChronoUnit.SECONDS);
    return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<AssumeRoleResult><Credentials>"
        + "<AccessKeyId>"
        + accessKey
        + "</AccessKeyId>"
        + "<SecretAccessKey>"
        + randomKey(40)
        + "</SecretAccessKey>"
        + "<SessionToken>"
        + randomKey(64)
        + "</SessionToken>"
        + "<Expiration>"
        + expiration
        + "</Expiration>"
        + "</Credentials><AssumedRoleUser>"
        + "<AssumedRoleId>AROA"
        + randomKey(17)
        + ":"
        + session
        + "</AssumedRoleId>"
        + "<Arn>arn:aws:sts::"
        + account
        + ":assumed-role/"
        + roleName
        + "/"
        + session
        + "</Arn>"
        + "</AssumedRoleUser></AssumeRoleResult>"
        + "<ResponseMetadata><RequestId>"
        + java.util.UUID.randomUUID()
        + "</RequestId>"
        + "</ResponseMetadata></AssumeRoleResponse>";
  }

  /** The XML body of an error answer in the query protocol's shape. */
  public static String errorBody(AwsErrorException error) {
    String type = error.status() >= 500 ? "Receiver" : "Sender";
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
        + "<Type>"
        + type
        + "</Type><Code>"
        + error.type()
        + "</Code>"
        + "<Message>"
        + escape(error.getMessage())
        + "</Message></Error>"
        + "<RequestId>"
        + java.util.UUID.randomUUID()
        + "</RequestId></ErrorResponse>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private String randomKey(int length) {
    StringBuilder key = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
    }
    return key.toString();
  }
}
