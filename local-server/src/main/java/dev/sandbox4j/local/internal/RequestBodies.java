package dev.sandbox4j.local.internal;

import com.google.gson.JsonObject;
import dev.sandbox4j.generated.model.AutoResume;
import dev.sandbox4j.generated.model.ConnectSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.generated.model.SandboxTimeoutUpdate;
import java.time.Duration;

/**
 * Turns request bodies into the generated request models after strict validation.
 *
 * <p>Field names come from the generated {@code SERIALIZED_NAME_*} constants, so a field renamed in
 * the OpenAPI document breaks this class at compile time instead of silently ignoring the new name.
 * Unknown fields are ignored, as the real server does.
 */
final class RequestBodies {

  private RequestBodies() {}

  /** The body of POST /sandboxes. {@code templateID} must be a non-blank string. */
  static NewSandbox newSandbox(byte[] body) {
    JsonObject json = StrictJson.parseObject(body);
    String templateId =
        StrictJson.string(json, NewSandbox.SERIALIZED_NAME_TEMPLATE_I_D)
            .filter(id -> !id.isBlank())
            .orElseThrow(() -> ApiProblem.badRequest("Field 'templateID' is required"));
    NewSandbox request =
        new NewSandbox()
            .templateID(templateId)
            .timeout(
                StrictJson.timeoutSeconds(json, NewSandbox.SERIALIZED_NAME_TIMEOUT).orElse(null))
            .metadata(StrictJson.stringMap(json, NewSandbox.SERIALIZED_NAME_METADATA).orElse(null))
            .envVars(StrictJson.stringMap(json, NewSandbox.SERIALIZED_NAME_ENV_VARS).orElse(null))
            .autoPause(StrictJson.bool(json, NewSandbox.SERIALIZED_NAME_AUTO_PAUSE).orElse(null))
            .secure(StrictJson.bool(json, NewSandbox.SERIALIZED_NAME_SECURE).orElse(null))
            .allowInternetAccess(
                StrictJson.bool(json, NewSandbox.SERIALIZED_NAME_ALLOW_INTERNET_ACCESS)
                    .orElse(null));
    StrictJson.object(json, NewSandbox.SERIALIZED_NAME_AUTO_RESUME)
        .ifPresent(
            autoResume ->
                request.autoResume(
                    new AutoResume()
                        .enabled(
                            StrictJson.bool(autoResume, AutoResume.SERIALIZED_NAME_ENABLED)
                                .orElseThrow(
                                    () ->
                                        ApiProblem.badRequest(
                                            "Field 'autoResume.enabled' is required")))));
    return request;
  }

  /**
   * The body of POST /sandboxes/{id}/connect: a required {@code timeout}, 0 allowed (on a running
   * sandbox it changes nothing, as connect only ever extends).
   */
  static ConnectSandbox connect(byte[] body) {
    JsonObject json = StrictJson.parseObject(body);
    return new ConnectSandbox()
        .timeout(requiredTimeout(json, ConnectSandbox.SERIALIZED_NAME_TIMEOUT));
  }

  /**
   * The body of POST /sandboxes/{id}/timeout: a required {@code timeout}; 0 ends the sandbox now.
   */
  static SandboxTimeoutUpdate timeoutUpdate(byte[] body) {
    JsonObject json = StrictJson.parseObject(body);
    return new SandboxTimeoutUpdate()
        .timeout(requiredTimeout(json, SandboxTimeoutUpdate.SERIALIZED_NAME_TIMEOUT));
  }

  /** The body of E2B's POST /v2/sandboxes/{id}/connect: {@code timeout} optional (0 allowed). */
  static ConnectSandbox connectV2(byte[] body, Duration whenAbsent) {
    JsonObject json = StrictJson.parseObject(body);
    return new ConnectSandbox()
        .timeout(
            StrictJson.timeoutSeconds(json, ConnectSandbox.SERIALIZED_NAME_TIMEOUT, true)
                .orElse((int) whenAbsent.toSeconds()));
  }

  /**
   * Checks the body of POST /sandboxes/{id}/pause: none (what the Novita SDK sends) or a JSON
   * object (E2B sends {@code {}} or {@code {"memory": bool}}); anything else is a 400.
   */
  static void pause(byte[] body) {
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return;
    }
    StrictJson.bool(StrictJson.parseObject(body), "memory");
  }

  private static int requiredTimeout(JsonObject json, String name) {
    return StrictJson.timeoutSeconds(json, name, true)
        .orElseThrow(() -> ApiProblem.badRequest("Field '" + name + "' is required"));
  }
}
