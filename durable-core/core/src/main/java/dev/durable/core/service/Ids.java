package dev.durable.core.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Formats and parses the opaque strings the service hands out (execution ARNs, checkpoint tokens,
 * callback ids) and checks the identifier patterns of the Smithy model (reference §2.3, §2.10).
 */
final class Ids {
  /**
   * A token's sequence number carries the invocation number in its high bits and the checkpoint
   * count within that invocation in its low bits. That lets {@code endInvocation} accept any token
   * of the current invocation (the runtime usually only knows the first one) while rejecting a late
   * report from a superseded invocation.
   */
  static final int INVOCATION_SHIFT = 32;

  private Ids() {}

  /** The execution id inside an ARN (its last "/" segment), or the argument itself if it has none. */
  static String executionId(String executionArnOrId) {
    if (executionArnOrId == null || executionArnOrId.isEmpty()) {
      throw ServiceException.invalid("An execution ARN is required.");
    }
    int slash = executionArnOrId.lastIndexOf('/');
    return slash < 0 ? executionArnOrId : executionArnOrId.substring(slash + 1);
  }

  /** The ARN of an execution, in the shape the Lambda service uses (reference §2.1). */
  static String executionArn(ServiceOptions options, String functionName, String executionName,
      String executionId) {
    return "arn:aws:lambda:" + options.region() + ':' + options.account() + ":function:"
        + functionName + ":$LATEST/durable-execution/" + executionName + '/' + executionId;
  }

  /** The version a chained invoke's target runs: our ARNs always use {@code $LATEST}. */
  static final String TARGET_VERSION = "$LATEST";

  /** The execution name of a chained invoke's target, derived from the call. */
  static String chainedTargetName(String parentId, String parentOpId) {
    return "invoke-" + sha256(parentId + '/' + parentOpId).substring(0, 40);
  }

  /** The execution id of a chained invoke's target, derived from the call. */
  static String chainedTargetId(String parentId, String parentOpId) {
    return sha256(parentId + '#' + parentOpId).substring(0, 32);
  }

  /**
   * The ARN the target of a chained invoke will have: the caller's region and account, the
   * target function without qualifier (as runtimes resolve it), the derived name and id.
   */
  static String chainedTargetArn(String parentArn, String parentId, String parentOpId,
      String functionName) {
    int fn = parentArn.indexOf(":function:");
    String prefix = fn < 0 ? "arn:aws:lambda:local:000000000000" : parentArn.substring(0, fn);
    String base = functionName;
    int named = base.indexOf(":function:");
    if (named >= 0) {
      base = base.substring(named + ":function:".length());
    }
    int qualifier = base.indexOf(':');
    if (qualifier >= 0) {
      base = base.substring(0, qualifier);
    }
    return prefix + ":function:" + base + ":" + TARGET_VERSION + "/durable-execution/"
        + chainedTargetName(parentId, parentOpId) + '/' + chainedTargetId(parentId, parentOpId);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The checkpoint token for {@code tokenSeq}: standard, padded base64 of "id:seq". */
  static String token(String executionId, long tokenSeq) {
    return Base64.getEncoder()
        .encodeToString((executionId + ':' + tokenSeq).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The sequence number inside a token of this execution, or -1 if the token is malformed or was
   * issued for another execution.
   */
  static long tokenSeq(String token, String executionId) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      return -1;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    int colon = decoded.lastIndexOf(':');
    if (colon < 0 || !decoded.substring(0, colon).equals(executionId)) {
      return -1;
    }
    try {
      return Long.parseLong(decoded.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The invocation number a token sequence belongs to. */
  static long invocationOf(long tokenSeq) {
    return tokenSeq >>> INVOCATION_SHIFT;
  }

  /** The first token sequence of the invocation after the one {@code tokenSeq} belongs to. */
  static long nextInvocationSeq(long tokenSeq) {
    return (invocationOf(tokenSeq) + 1) << INVOCATION_SHIFT;
  }

  /**
   * A callback id like the emulator's: base64 of {@code {"arn":…,"op":…}}. Unique because the pair
   * is, and at most 1024 characters because ARNs and operation ids are bounded.
   */
  static String callbackId(String executionArn, String operationId) {
    String json = "{\"arn\":\"" + jsonEscape(executionArn) + "\",\"op\":\"" + operationId + "\"}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** True for 1..64 characters of {@code [a-zA-Z0-9_-]} (operation ids, execution names). */
  static boolean isIdentifier(String s, int maxLength) {
    if (s == null || s.isEmpty() || s.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** True for 1..256 printable ASCII characters (operation names). */
  static boolean isPrintableName(String s) {
    if (s == null || s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
