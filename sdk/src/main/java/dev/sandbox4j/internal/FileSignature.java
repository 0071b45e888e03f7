package dev.sandbox4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Signs a {@code /files} URL so that it works without the access token header: {@code v1_} and the
 * unpadded standard base64 of the SHA-256 of {@code path:operation:user:token}, with {@code
 * :expiration} (unix seconds) appended when the URL expires.
 */
public final class FileSignature {
  private FileSignature() {}

  /**
   * Computes the signature.
   *
   * @param path the path as it goes into the query
   * @param operation {@code read} or {@code write}
   * @param user the {@code username} query value, or "" when none is sent
   * @param token the sandbox's access token
   * @param expiration unix seconds, or null for a signature that does not expire
   */
  public static String sign(
      String path, String operation, String user, String token, Long expiration) {
    String text =
        path
            + ":"
            + operation
            + ":"
            + user
            + ":"
            + token
            + (expiration == null ? "" : ":" + expiration);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "v1_" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
