package dev.sandbox4j.internal;

import com.google.gson.Strictness;
import dev.sandbox4j.generated.JSON;

/**
 * Makes the generated client's JSON binding strict. By default Gson reads a response leniently (a
 * {@code )]}'} prefix, single quotes, unquoted names, comments); the bodies that still go through
 * the generated models (create, connect, and {@code raw()} calls) must be plain JSON, as the list
 * and get-info bodies read by {@link SandboxInfoReader} are.
 */
final class StrictGeneratedJson {
  private static boolean installed;

  private StrictGeneratedJson() {}

  /** Installs the strict binding once per class loader; later calls do nothing. */
  static synchronized void install() {
    if (!installed) {
      JSON.setGson(JSON.getGson().newBuilder().setStrictness(Strictness.STRICT).create());
      installed = true;
    }
  }
}
