package dev.sandbox4j.local.internal.envd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * envd's signed {@code /files} URLs: {@code "v1_"} + unpadded standard base64 of SHA-256 over
 * {@code path:operation:user:token} (with {@code :expiration} in unix seconds when the URL
 * expires).
 */
final class FileSignature {

  private FileSignature() {}

  static String sign(
      String path, String operation, String user, String token, Optional<Long> expiration) {
    String text =
        path + ":" + operation + ":" + user + ":" + token + expiration.map(e -> ":" + e).orElse("");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "v1_" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether {@code given} is the signature of this request (compared in constant time). */
  static boolean matches(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
