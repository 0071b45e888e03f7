package dev.sandbox4j.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks a request's credentials: the {@code X-API-Key} header, or {@code Authorization: Bearer
 * <token>} when an access token is configured. Either one suffices.
 */
final class Authenticator {

  private static final String BEARER = "bearer ";

  private final String apiKey;
  private final Optional<String> accessToken;

  Authenticator(String apiKey, Optional<String> accessToken) {
    this.apiKey = apiKey;
    this.accessToken = accessToken;
  }

  /** Throws a 401 {@link ApiProblem} unless the request carries valid credentials. */
  void authenticate(ApiRequest request) {
    Optional<String> key = request.header("X-API-Key");
    Optional<String> authorization = request.header("Authorization");
    if (key.isPresent() && sameSecret(key.get(), apiKey)) {
      return;
    }
    if (accessToken.isPresent() && authorization.isPresent()) {
      String value = authorization.get();
      if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())
          && sameSecret(value.substring(BEARER.length()).trim(), accessToken.get())) {
        return;
      }
    }
    if (key.isEmpty() && authorization.isEmpty()) {
      throw ApiProblem.unauthorized("Missing credentials: send the X-API-Key header");
    }
    throw ApiProblem.unauthorized("Invalid API key or access token");
  }

  /** Compares in constant time, so response timing does not reveal how much of a key matched. */
  private static boolean sameSecret(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
