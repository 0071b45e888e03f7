package dev.sandbox4j.internal;

import okhttp3.Response;

/**
 * Carries an error response of a {@code raw()} request out of an attempt, so that the retry engine
 * classifies it like any other failure and can hand it back unchanged at the end.
 */
final class UnsuccessfulResponse extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Response response;

  UnsuccessfulResponse(Response response) {
    super("HTTP " + response.code(), null, false, false);
    this.response = response;
  }

  Response response() {
    return response;
  }
}
