package dev.sandbox4j.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * The page tokens a listing has sent, remembered as 128-bit hashes: about 70 bytes per page however
 * long the server's tokens are (a server handing out 200 KB tokens must not fill the heap). A
 * collision would only end a listing early with a protocol error, never loop, so a fast
 * non-cryptographic hash is enough.
 */
public final class PageTokenHistory {
  private final Set<Hash> sent = new HashSet<>();

  /** A token's two independent 64-bit hashes. */
  private static final class Hash {
    private final long first;
    private final long second;

    Hash(String token) {
      long fnv = 0xcbf29ce484222325L;
      long poly = 0x9e3779b97f4a7c15L ^ token.length();
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        fnv = (fnv ^ c) * 0x100000001b3L;
        poly = poly * 0x5851f42d4c957f2dL + c;
      }
      this.first = fnv;
      this.second = mix(poly);
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return z ^ (z >>> 33);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hash && ((Hash) o).first == first && ((Hash) o).second == second;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(first);
    }
  }

  /** Returns whether this token was sent before in this listing. */
  public boolean wasSent(String token) {
    return sent.contains(new Hash(token));
  }

  /** Records a token as sent. */
  public void add(String token) {
    sent.add(new Hash(token));
  }
}
