package dev.sandbox4j.local.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Sandbox IDs and secret tokens in the shapes the real server hands out. */
final class RandomTokens {

  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int ID_LENGTH = 20;
  private static final SecureRandom SECRETS = new SecureRandom();

  private RandomTokens() {}

  /**
   * A sandbox ID matching {@code ^[a-z0-9]+$}. Not secret, so a fast generator is enough: seeding
   * 100 000 sandboxes must stay quick. Uniqueness is checked by the caller.
   */
  static String sandboxId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  /** A secret such as an {@code envdAccessToken}: 128 random bits, hex-encoded. */
  static String secret() {
    byte[] bytes = new byte[16];
    SECRETS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
