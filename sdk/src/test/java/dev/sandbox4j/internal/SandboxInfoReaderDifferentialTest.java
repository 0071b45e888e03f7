package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Holds the streaming {@link SandboxInfoReader} to the generated client's parse (the OpenAPI
 * document's models, {@link GeneratedModelParse}) on random pages and get-info bodies: every field,
 * unknown fields, nulls, odd timestamps, unknown states, bad numbers, odd JSON syntax. Both must
 * give equal results or both reject, with the same failure classification; the reader never accepts
 * what the generated parse rejects. It may reject more only for the deliberate differences in
 * {@link Deliberate}, each one a rule of the SDK's hostile-server work, and only in a body that
 * contains one.
 */
class SandboxInfoReaderDifferentialTest {
  /** Where the reader rejects on purpose what the generated parse accepted. */
  enum Deliberate {
    /** A count or size with a fraction ({@code 2.5} became 2). */
    FRACTION,
    /** A count or size outside 0..2^31-1 ({@code 1e999} became 0, a 23-digit one wrapped). */
    OUT_OF_RANGE,
    /** A count or size below zero was accepted as is. */
    NEGATIVE,
    /** A number or boolean sent as a JSON string ({@code "2"}, {@code "true"}) was converted. */
    QUOTED_SCALAR,
    /** Lenient JSON: a {@code )]}'} prefix, single quotes, unquoted names, comments. */
    LENIENT_SYNTAX,
    /** Metadata as an array of [key, value] pairs: Gson's map form, not the document's object. */
    MAP_AS_ARRAY,
    /** A name repeated in one object (the last copy won); strict JSON takes neither. */
    DUPLICATE_NAME,
    /** An empty list body was taken as an empty page ({@code null} still is one). */
    NO_PAGE
  }

  private static final int PAGES = 3_000;
  private static final int DETAILS = 1_500;

  @Test
  void listPagesParseLikeTheGeneratedModels() throws Exception {
    Random random = new Random(20261129L);
    int accepted = 0;
    int rejected = 0;
    for (int n = 0; n < PAGES; n++) {
      Body body = new Generator(random, false).page();
      Outcome generated = Outcome.of(() -> GeneratedModelParse.page(body.text));
      Outcome fast = Outcome.of(() -> SandboxInfoReader.readPage(new StringReader(body.text)));
      compare(body, generated, fast);
      if (fast.rejected == null) {
        accepted++;
      } else {
        rejected++;
      }
    }
    // The generator must exercise both sides, or the comparison proves little.
    assertThat(accepted).isGreaterThan(PAGES / 10);
    assertThat(rejected).isGreaterThan(PAGES / 10);
  }

  @Test
  void detailBodiesParseLikeTheGeneratedModels() throws Exception {
    Random random = new Random(7L);
    int accepted = 0;
    for (int n = 0; n < DETAILS; n++) {
      Body body = new Generator(random, true).detail();
      Outcome generated = Outcome.of(() -> GeneratedModelParse.detail(body.text));
      Outcome fast = Outcome.of(() -> SandboxInfoReader.readDetail(new StringReader(body.text)));
      compare(body, generated, fast);
      if (fast.rejected == null) {
        accepted++;
      }
    }
    assertThat(accepted).isGreaterThan(DETAILS / 20);
  }

  @Test
  void theReaderKnowsExactlyTheDocumentsFields() {
    // A field added to the OpenAPI document fails here until the reader handles it.
    List<String> fields = List.of(SandboxInfoReader.FIELDS);
    assertThat(fields.subList(0, SandboxInfoReader.LISTED_FIELDS))
        .containsExactlyInAnyOrderElementsOf(ListedSandbox.openapiFields);
    assertThat(fields).containsExactlyInAnyOrderElementsOf(SandboxDetail.openapiFields);
    assertThat(fields.subList(0, SandboxInfoReader.REQUIRED_FIELDS))
        .containsExactlyInAnyOrderElementsOf(ListedSandbox.openapiRequiredFields)
        .containsExactlyInAnyOrderElementsOf(SandboxDetail.openapiRequiredFields);
  }

  private static void compare(Body body, Outcome generated, Outcome fast) {
    String what = "body: " + body.text + "\ngenerated: " + generated + "\nfast: " + fast;
    if (generated.rejected != null) {
      assertThat(fast.rejected)
          .as("the reader accepted what was rejected before; " + what)
          .isNotNull();
      assertThat(Failure.classify(fast.rejected).kind())
          .as(what)
          .isEqualTo(Failure.classify(generated.rejected).kind())
          .isEqualTo(Failure.Kind.PROTOCOL);
      return;
    }
    if (fast.rejected != null) {
      assertThat(body.deliberate)
          .as("the reader rejected a body without a deliberate difference; " + what)
          .isNotEmpty();
      assertThat(Failure.classify(fast.rejected).kind()).as(what).isEqualTo(Failure.Kind.PROTOCOL);
      return;
    }
    assertThat(fast.value).as(what).isEqualTo(generated.value);
  }

  /** What one parse did: a value, or the exception it threw. */
  private static final class Outcome {
    final Object value;
    final Exception rejected;

    private Outcome(Object value, Exception rejected) {
      this.value = value;
      this.rejected = rejected;
    }

    interface Parse {
      Object run() throws Exception;
    }

    /** Runs a parse; what it throws unchecked is wrapped as the SDK's call path wraps it. */
    static Outcome of(Parse parse) {
      try {
        return new Outcome(parse.run(), null);
      } catch (RuntimeException e) {
        return new Outcome(null, BadServerData.unreadable(e));
      } catch (Exception e) {
        return new Outcome(null, e);
      }
    }

    @Override
    public String toString() {
      return rejected != null ? "rejected " + rejected : Objects.toString(value);
    }
  }

  private static final class Body {
    final String text;
    final Set<Deliberate> deliberate;

    Body(String text, Set<Deliberate> deliberate) {
      this.text = text;
      this.deliberate = deliberate;
    }
  }

  /** Builds one random body, recording which deliberate differences it contains. */
  private static final class Generator {
    private static final String[] TIMESTAMPS = {
      "2026-11-29T01:02:03Z",
      "2026-11-29T01:02:03.5Z",
      "2026-11-29T01:02:03.123456Z",
      "2026-11-29T01:02:03.123456789Z",
      "2026-11-29T01:02:03.1234567891Z",
      "2024-02-29T23:59:59.999Z",
      "2023-02-29T00:00:00Z",
      "2026-04-31T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-11-29T24:00:00Z",
      "2026-11-29T23:59:60Z",
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999999Z",
      "1969-12-31T23:59:59.9Z",
      "2026-11-29T01:02:03+01:00",
      "2026-11-29T01:02:03.25-07:30",
      "2026-11-29T01:02:03+0000",
      "2026-11-29T01:02:03z",
      "2026-11-29t01:02:03Z",
      "2026-11-29T01:02Z",
      "2026-11-29T01:02:03.Z",
      "2026-11-29 01:02:03Z",
      "2026-11-29T01:02:03",
      "+12026-11-29T01:02:03Z",
      "2026-1-29T01:02:03Z",
      "2026-11-29T01:02:0aZ",
      "",
      "yesterday"
    };
    private static final String[] NUMBERS = {
      "0", "1", "2", "512", "2147483647", "-0", "2.0", "2e0", "1E2", "20e-1"
    };
    private static final String[] STATES = {"running", "paused", "snapshotting", "", "RUNNING"};

    private final Random random;
    private final boolean detail;
    private final Set<Deliberate> deliberate = EnumSet.noneOf(Deliberate.class);

    Generator(Random random, boolean detail) {
      this.random = random;
      this.detail = detail;
    }

    Body page() {
      int kind = random.nextInt(40);
      String text;
      if (kind == 0) {
        text = pick("", "null", " ");
        if (text.isBlank()) {
          deliberate.add(Deliberate.NO_PAGE);
        }
      } else if (kind == 1) {
        text = pick("{}", "\"x\"", "1", "[1]", "[null]", "[[]]", "[] []", "[] x", "[");
      } else {
        List<String> items = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          items.add(item());
        }
        text = "[" + String.join(",", items) + "]";
      }
      return new Body(syntax(text), deliberate);
    }

    Body detail() {
      int kind = random.nextInt(40);
      String text = kind == 0 ? pick("", "null", "[]", "\"x\"", "{} {}") : item();
      return new Body(syntax(text), deliberate);
    }

    /** Sometimes rewrites the body into JSON that only a lenient parser accepts. */
    private String syntax(String text) {
      if (random.nextInt(15) != 0 || text.isBlank()) {
        return text;
      }
      deliberate.add(Deliberate.LENIENT_SYNTAX);
      switch (random.nextInt(4)) {
        case 0:
          return ")]}'\n" + text;
        case 1:
          return text.replace('"', '\'');
        case 2:
          return text.replace("\"sandboxID\"", "sandboxID");
        default:
          return "/* c */" + text;
      }
    }

    private String item() {
      List<String> fields = new ArrayList<>();
      field(fields, "sandboxID", string("sbx" + random.nextInt(1000), true), true);
      field(fields, "templateID", string(pick("base", "tmpl-1", ""), true), true);
      field(fields, "clientID", string("c", false), false);
      field(fields, "alias", string(pick("python", "", "node"), false), false);
      field(fields, "startedAt", timestamp(), true);
      field(fields, "endAt", timestamp(), true);
      field(fields, "state", string(pick(STATES), true), true);
      field(fields, "cpuCount", number(), true);
      field(fields, "memoryMB", number(), true);
      field(fields, "diskSizeMB", number(), false);
      field(fields, "envdVersion", string(pick("0.2.0", "0.1.5"), false), false);
      field(fields, "metadata", metadata(), false);
      field(fields, "volumeMounts", volumeMounts(), false);
      if (detail) {
        field(fields, "envdAccessToken", string("tok_secret", false), false);
        field(fields, "domain", string("example.dev", false), false);
        field(fields, "allowInternetAccess", bool(), false);
        field(fields, "lifecycle", lifecycle(), false);
      }
      if (random.nextInt(4) == 0) {
        fields.add("\"futureField\":" + unknownValue());
      }
      if (random.nextInt(20) == 0) {
        fields.add("\"cpuCount\":" + NUMBERS[random.nextInt(NUMBERS.length)]);
        deliberate.add(Deliberate.DUPLICATE_NAME);
      }
      java.util.Collections.shuffle(fields, random);
      return "{" + String.join(",", fields) + "}";
    }

    /** Adds a field: mostly a good value; sometimes absent (when optional, or rarely), or null. */
    private void field(List<String> fields, String name, String value, boolean required) {
      int roll = random.nextInt(100);
      if (roll < (required ? 2 : 25)) {
        return;
      }
      if (roll < (required ? 4 : 35)) {
        fields.add(quote(name) + ":null");
        return;
      }
      fields.add(quote(name) + ":" + value);
    }

    private String string(String good, boolean required) {
      int roll = random.nextInt(100);
      if (roll < 90) {
        return quote(good);
      }
      return pick("7", "true", "{}", "[]", "[\"a\"]", "1.5");
    }

    private String timestamp() {
      if (random.nextInt(30) == 0) {
        return pick("1700000000", "{}", "true");
      }
      int roll = random.nextInt(100);
      return quote(roll < 60 ? TIMESTAMPS[random.nextInt(4)] : pick(TIMESTAMPS));
    }

    private String number() {
      int roll = random.nextInt(100);
      if (roll < 80) {
        return pick(NUMBERS);
      }
      switch (random.nextInt(8)) {
        case 0:
          deliberate.add(Deliberate.FRACTION);
          return pick("2.5", "0.1", "1e-1", "1e-999999999");
        case 1:
          deliberate.add(Deliberate.OUT_OF_RANGE);
          return pick("1e999", "99999999999999999999999", "2147483648", "1e10", "21474836470");
        case 2:
          deliberate.add(Deliberate.NEGATIVE);
          return pick("-1", "-2147483648", "-2.0");
        case 3:
          deliberate.add(Deliberate.QUOTED_SCALAR);
          return pick("\"2\"", "\"512\"");
        case 4:
          return pick("\"two\"", "\"\"", "\"2.5\"");
        default:
          return pick("true", "{}", "[]", "[1]");
      }
    }

    private String bool() {
      int roll = random.nextInt(10);
      if (roll < 8) {
        return pick("true", "false");
      }
      if (roll == 8) {
        deliberate.add(Deliberate.QUOTED_SCALAR);
        return pick("\"true\"", "\"false\"", "\"yes\"");
      }
      return pick("1", "{}", "[]");
    }

    private String metadata() {
      int roll = random.nextInt(20);
      if (roll == 0) {
        String wrong = pick("\"k=v\"", "[]", "[[\"k\",\"v\"]]", "7", "true");
        if (wrong.startsWith("[")) {
          deliberate.add(Deliberate.MAP_AS_ARRAY);
        }
        return wrong;
      }
      List<String> entries = new ArrayList<>();
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        String key = pick("env", "team", "é & /", "");
        if (entries.stream().anyMatch(e -> e.startsWith(quote(key) + ":"))) {
          deliberate.add(Deliberate.DUPLICATE_NAME);
        }
        String value = pick("\"prod\"", "\"\"", "\"caf\\u00e9\"", "null", "5", "true");
        if (random.nextInt(30) == 0) {
          value = pick("{}", "[\"x\"]");
        }
        entries.add(quote(key) + ":" + value);
      }
      return "{" + String.join(",", entries) + "}";
    }

    private String volumeMounts() {
      int roll = random.nextInt(10);
      if (roll == 0) {
        return pick("{}", "\"v\"", "[1]", "[null]", "[{\"name\":{}}]", "[{\"path\":[]}]");
      }
      return pick("[]", "[{\"name\":\"data\",\"path\":\"/data\"}]", "[{\"name\":null,\"x\":[1]}]");
    }

    private String lifecycle() {
      int roll = random.nextInt(10);
      if (roll == 0) {
        return pick("\"pause\"", "[]", "{\"onTimeout\":{}}", "{\"autoResume\":[]}");
      }
      String onTimeout = pick("\"pause\"", "\"kill\"", "\"PAUSE\"", "null", "\"later\"");
      return "{\"onTimeout\":" + onTimeout + ",\"autoResume\":" + bool() + ",\"extra\":1}";
    }

    private String unknownValue() {
      return pick(
          "1", "\"x\"", "null", "true", "[1,{\"a\":[]}]", "{\"deep\":{\"x\":[null]}}", "1e999");
    }

    private String pick(String... values) {
      return values[random.nextInt(values.length)];
    }

    private static String quote(String s) {
      return "\"" + s + "\"";
    }
  }
}
