package dev.sandbox4j.local.internal;

import com.google.gson.Gson;
import dev.sandbox4j.generated.JSON;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.Sandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import dev.sandbox4j.generated.model.SandboxLifecycle;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;

/**
 * Turns stored sandboxes into the generated response models, so every body the server writes has
 * exactly the shape the OpenAPI document declares.
 *
 * <p>Fields the real server always sends are sent here too, including those the document keeps
 * optional ({@code clientID}, {@code diskSizeMB}, {@code envdVersion}): the official SDKs expect
 * them.
 */
final class WireModels {

  /**
   * The in-sandbox daemon version reported: 0.5.7 turns on in the SDKs everything the local runtime
   * serves (CloseStdin, octet-stream uploads); they refuse anything below 0.1.0.
   */
  static final String ENVD_VERSION = "0.5.7";

  /** The legacy client identifier; modern clients ignore it. */
  static final String CLIENT_ID = "local";

  static final int CPU_COUNT = 2;
  static final int MEMORY_MB = 512;
  static final int DISK_SIZE_MB = 1024;

  private WireModels() {}

  /** The body of create (201) and connect (200/201). */
  static Sandbox sandbox(StoredSandbox stored) {
    return new Sandbox()
        .sandboxID(stored.sandboxId())
        .templateID(stored.templateId())
        .clientID(CLIENT_ID)
        .envdVersion(ENVD_VERSION)
        .alias(stored.alias())
        .envdAccessToken(stored.envdAccessToken());
  }

  /** One item of a list page. */
  static ListedSandbox listed(StoredSandbox stored) {
    return new ListedSandbox()
        .sandboxID(stored.sandboxId())
        .templateID(stored.templateId())
        .clientID(CLIENT_ID)
        .alias(stored.alias())
        .startedAt(utc(stored.startedAt()))
        .endAt(utc(stored.endAt()))
        .state(stored.state().getValue())
        .cpuCount(CPU_COUNT)
        .memoryMB(MEMORY_MB)
        .diskSizeMB(DISK_SIZE_MB)
        .envdVersion(ENVD_VERSION)
        .metadata(new LinkedHashMap<>(stored.metadata()));
  }

  /**
   * The body of get info: the list item's fields (the document gives both schemas the same ones)
   * plus the details only get info carries.
   */
  static SandboxDetail detail(StoredSandbox stored) {
    Gson gson = JSON.getGson();
    return gson.fromJson(gson.toJsonTree(listed(stored)), SandboxDetail.class)
        .envdAccessToken(stored.envdAccessToken())
        .allowInternetAccess(stored.allowInternetAccess())
        .lifecycle(
            new SandboxLifecycle()
                .onTimeout(stored.autoPause() ? "pause" : "kill")
                .autoResume(stored.autoResume()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
