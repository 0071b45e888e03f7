package dev.sandbox4j.internal;

import com.google.gson.reflect.TypeToken;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.generated.JSON;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import dev.sandbox4j.generated.model.SandboxLifecycle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parse the SDK used before {@link SandboxInfoReader}: the generated client's JSON binding into
 * its models, then a mapping into {@link SandboxInfo}. Kept as the reference the reader is held to,
 * since the generated models follow the API document.
 */
final class GeneratedModelParse {
  private static final Type LIST_TYPE = new TypeToken<List<ListedSandbox>>() {}.getType();

  private GeneratedModelParse() {}

  /** Parses a list page body as the generated client and the SDK's old mapping did. */
  static List<SandboxInfo> page(String body) throws IOException, BadServerData {
    List<ListedSandbox> wire =
        JSON.deserialize(
            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIST_TYPE);
    if (wire == null) {
      return List.of();
    }
    List<SandboxInfo> items = new ArrayList<>();
    for (ListedSandbox item : wire) {
      if (item == null) {
        throw new IllegalStateException("the page holds a null item");
      }
      items.add(fromListed(item));
    }
    return items;
  }

  /** Parses a get-info body likewise. */
  static SandboxInfo detail(String body) throws IOException, BadServerData {
    SandboxDetail detail =
        JSON.deserialize(
            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), SandboxDetail.class);
    if (detail == null) {
      throw new IllegalStateException("no body");
    }
    return fromDetail(detail);
  }

  /** Maps one item of a list page. */
  static SandboxInfo fromListed(ListedSandbox item) throws BadServerData {
    return build(
        SandboxInfo.builder()
            .sandboxId(item.getSandboxID())
            .templateId(item.getTemplateID())
            .name(item.getAlias())
            .metadata(metadata(item.getMetadata()))
            .startedAt(instant(item.getStartedAt()))
            .endAt(instant(item.getEndAt()))
            .rawState(item.getState())
            .cpuCount(required(item.getCpuCount(), "cpuCount"))
            .memoryMb(required(item.getMemoryMB(), "memoryMB"))
            .diskSizeMb(item.getDiskSizeMB())
            .envdVersion(item.getEnvdVersion()));
  }

  /** Maps a getInfo answer, which adds lifecycle and network settings. */
  static SandboxInfo fromDetail(SandboxDetail detail) throws BadServerData {
    SandboxLifecycle lifecycle = detail.getLifecycle();
    return build(
        SandboxInfo.builder()
            .sandboxId(detail.getSandboxID())
            .templateId(detail.getTemplateID())
            .name(detail.getAlias())
            .metadata(metadata(detail.getMetadata()))
            .startedAt(instant(detail.getStartedAt()))
            .endAt(instant(detail.getEndAt()))
            .rawState(detail.getState())
            .cpuCount(required(detail.getCpuCount(), "cpuCount"))
            .memoryMb(required(detail.getMemoryMB(), "memoryMB"))
            .diskSizeMb(detail.getDiskSizeMB())
            .envdVersion(detail.getEnvdVersion())
            .allowInternetAccess(detail.getAllowInternetAccess())
            .autoPause(
                lifecycle == null || lifecycle.getOnTimeout() == null
                    ? null
                    : "pause".equalsIgnoreCase(lifecycle.getOnTimeout()))
            .autoResume(lifecycle == null ? null : lifecycle.getAutoResume()));
  }

  /** Builds the value; what the builder rejects came from the server, so it is bad data. */
  private static SandboxInfo build(SandboxInfo.Builder builder) throws BadServerData {
    try {
      return builder.build();
    } catch (SandboxConfigurationException invalid) {
      throw BadServerData.of("the server sent an invalid sandbox: " + invalid.getMessage());
    }
  }

  /** Drops entries with a null key or value: a JSON null carries no metadata. */
  private static Map<String, String> metadata(Map<String, String> wire) {
    Map<String, String> result = new LinkedHashMap<>();
    if (wire != null) {
      wire.forEach(
          (key, value) -> {
            if (key != null && value != null) {
              result.put(key, value);
            }
          });
    }
    return result;
  }

  /** Rejects a JSON null in a required number, naming the field. */
  private static int required(Integer value, String field) throws BadServerData {
    if (value == null) {
      throw BadServerData.of("required field " + field + " is null");
    }
    return value;
  }

  private static java.time.Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
