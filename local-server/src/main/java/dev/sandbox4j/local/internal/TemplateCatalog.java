package dev.sandbox4j.local.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The templates a server knows, as the real server resolves them: a create names a template by
 * alias ({@code base}) or by its opaque ID, and the sandbox records the ID in {@code templateID}
 * and the alias in {@code alias}; an unknown template is a 404.
 *
 * <p>Each alias gets a stable opaque ID (20 characters of {@code [a-z0-9]}, derived from the
 * alias), so IDs are the same on every run.
 */
public final class TemplateCatalog {

  /** The templates a server knows unless configured otherwise: the SDKs' defaults. */
  public static final List<String> DEFAULT_ALIASES = List.of("base", "code-interpreter-v1");

  /** A resolved template: its opaque ID and the alias it is known by. */
  record Template(String id, String alias) {}

  private final Map<String, Template> byName = new LinkedHashMap<>();

  private TemplateCatalog(Collection<String> aliases) {
    for (String alias : aliases) {
      Template template = new Template(opaqueId(alias), alias);
      byName.put(alias, template);
      byName.put(template.id(), template);
    }
  }

  /** A catalog of these aliases. */
  public static TemplateCatalog of(Collection<String> aliases) {
    return new TemplateCatalog(aliases);
  }

  /** The template a create names by alias or ID, if the catalog has it. */
  Optional<Template> resolve(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Resolves a template for a create; an unknown one is the real server's 404. */
  Template require(String name) {
    return resolve(name)
        .orElseThrow(() -> ApiProblem.notFound("Template '" + name + "' not found"));
  }

  private static String opaqueId(String alias) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("template:" + alias).getBytes(StandardCharsets.UTF_8));
      String base36 = new BigInteger(1, hash).toString(36).toLowerCase(Locale.ROOT);
      return base36.substring(0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
