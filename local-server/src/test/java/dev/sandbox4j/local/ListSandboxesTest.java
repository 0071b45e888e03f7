package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LocalSandboxServerExtension.class)
class ListSandboxesTest extends LocalServerTest {

  @Test
  void listsNewestFirstWithTiesBrokenByIdAscending() {
    Instant base = server.admin().now().minus(Duration.ofHours(1));
    List<String> tied =
        server
            .admin()
            .seed(SeedSpec.builder().count(5).newestStartedAt(base).spacing(Duration.ZERO).build());
    List<String> older =
        server
            .admin()
            .seed(SeedSpec.builder().count(3).newestStartedAt(base.minusSeconds(10)).build());
    String created = http.create();

    List<String> expected = new ArrayList<>();
    expected.add(created);
    expected.addAll(tied.stream().sorted().toList());
    expected.addAll(older);
    assertThat(http.get("/v2/sandboxes").sandboxIds()).containsExactlyElementsOf(expected);
  }

  @Test
  void listItemsCarryEveryFieldTheOfficialSdkReads() {
    String id = http.create("{\"templateID\":\"base\",\"timeout\":60,\"metadata\":{\"k\":\"v\"}}");

    var item = http.get("/v2/sandboxes").array().get(0).getAsJsonObject();

    assertThat(item.get("sandboxID").getAsString()).isEqualTo(id);
    assertThat(item.get("templateID").getAsString()).matches("[a-z0-9]{20}");
    assertThat(item.get("alias").getAsString()).isEqualTo("base");
    assertThat(item.get("clientID").getAsString()).isNotBlank();
    assertThat(Instant.parse(item.get("startedAt").getAsString()))
        .isBeforeOrEqualTo(server.admin().now());
    assertThat(Instant.parse(item.get("endAt").getAsString())).isAfter(server.admin().now());
    assertThat(item.get("state").getAsString()).isEqualTo("running");
    assertThat(item.get("cpuCount").getAsInt()).isPositive();
    assertThat(item.get("memoryMB").getAsInt()).isPositive();
    assertThat(item.get("diskSizeMB").getAsInt()).isPositive();
    assertThat(item.get("envdVersion").getAsString()).isEqualTo("0.5.7");
    assertThat(item.getAsJsonObject("metadata").get("k").getAsString()).isEqualTo("v");
  }

  @Test
  void pageSizeDefaultsTo100AndAccepts1To100() {
    server.admin().seed(SeedSpec.of(150));

    TestHttp.Reply defaultPage = http.get("/v2/sandboxes");
    assertThat(defaultPage.sandboxIds()).hasSize(100);
    assertThat(defaultPage.header("X-Next-Token")).isPresent();
    assertThat(http.get("/v2/sandboxes?limit=1").sandboxIds()).hasSize(1);
    assertThat(http.get("/v2/sandboxes?limit=100").sandboxIds()).hasSize(100);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "-1", "101", "1000", "abc", "1.5", "", "1e2", "2147483648", "99999999999"})
  void pageSizesOutside1To100Answer400(String limit) {
    assertThat(http.get("/v2/sandboxes?limit=" + limit).assertError(400).message())
        .contains("limit");
  }

  @Test
  void theNextTokenIsSentOnlyWhenMoreResultsExist() {
    server.admin().seed(SeedSpec.of(4));

    TestHttp.Reply first = http.get("/v2/sandboxes?limit=2");
    assertThat(first.sandboxIds()).hasSize(2);
    String token = first.header("X-Next-Token").orElseThrow();

    TestHttp.Reply last = http.get("/v2/sandboxes?limit=2&nextToken=" + token);
    assertThat(last.sandboxIds()).hasSize(2);
    assertThat(last.header("X-Next-Token")).as("an exactly full last page has no token").isEmpty();
    assertThat(http.get("/v2/sandboxes?limit=4").header("X-Next-Token")).isEmpty();
    assertThat(http.get("/v2/sandboxes?limit=5").header("X-Next-Token")).isEmpty();
  }

  @Test
  void pagingVisitsEverySandboxOnceInListOrder() {
    List<String> seeded = server.admin().seed(SeedSpec.of(25));

    assertThat(pageThrough("", 7)).containsExactlyElementsOf(seeded);
  }

  @Test
  void theCursorStaysCorrectWhileSandboxesAreCreatedAndKilledBetweenPages() {
    List<String> seeded =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(10)
                    .newestStartedAt(server.admin().now().minusSeconds(60))
                    .build());

    TestHttp.Reply first = http.get("/v2/sandboxes?limit=3");
    assertThat(first.sandboxIds()).containsExactlyElementsOf(seeded.subList(0, 3));
    http.create(); // newer than the cursor: belongs before page one, never on a later page
    http.create();
    assertThat(http.delete("/sandboxes/" + seeded.get(2)).status())
        .isEqualTo(204); // the cursor's own sandbox
    assertThat(http.delete("/sandboxes/" + seeded.get(5)).status())
        .isEqualTo(204); // one not yet listed

    TestHttp.Reply second =
        http.get("/v2/sandboxes?limit=3&nextToken=" + first.header("X-Next-Token").orElseThrow());
    assertThat(second.sandboxIds()).containsExactly(seeded.get(3), seeded.get(4), seeded.get(6));
    TestHttp.Reply third =
        http.get("/v2/sandboxes?limit=3&nextToken=" + second.header("X-Next-Token").orElseThrow());
    assertThat(third.sandboxIds()).containsExactly(seeded.get(7), seeded.get(8), seeded.get(9));
    assertThat(third.header("X-Next-Token")).isEmpty();
  }

  @Test
  void anEmptyNextTokenMeansTheFirstPage() {
    List<String> seeded = server.admin().seed(SeedSpec.of(2));

    assertThat(http.get("/v2/sandboxes?nextToken=").sandboxIds()).containsExactlyElementsOf(seeded);
  }

  @Test
  void tokensThisServerDidNotIssueAnswer400() {
    String wrongShape =
        Base64.getUrlEncoder().encodeToString("no separator".getBytes(StandardCharsets.UTF_8));
    String badTime =
        Base64.getUrlEncoder().encodeToString("yesterday__abc".getBytes(StandardCharsets.UTF_8));
    String badId =
        Base64.getUrlEncoder()
            .encodeToString("2026-01-01T00:00:00Z__NOT_AN_ID".getBytes(StandardCharsets.UTF_8));

    for (String token : List.of("garbage!", "%25%25", wrongShape, badTime, badId, "====")) {
      assertThat(http.get("/v2/sandboxes?nextToken=" + token).assertError(400).message())
          .isEqualTo("Invalid next token");
    }
  }

  @Test
  void theStateFilterIsOneCommaJoinedParameterAndBothStatesWhenAbsent() {
    List<String> running = server.admin().seed(SeedSpec.of(3));
    List<String> paused =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(2)
                    .paused(true)
                    .newestStartedAt(server.admin().now().minusSeconds(3600))
                    .build());
    List<String> all = new ArrayList<>(running);
    all.addAll(paused);

    assertThat(http.get("/v2/sandboxes?state=running").sandboxIds())
        .containsExactlyElementsOf(running);
    assertThat(http.get("/v2/sandboxes?state=paused").sandboxIds())
        .containsExactlyElementsOf(paused);
    assertThat(http.get("/v2/sandboxes?state=running,paused").sandboxIds())
        .containsExactlyElementsOf(all);
    assertThat(http.get("/v2/sandboxes?state=running%2Cpaused").sandboxIds())
        .containsExactlyElementsOf(all);
    assertThat(http.get("/v2/sandboxes?state=paused&state=running").sandboxIds())
        .containsExactlyElementsOf(all);
    assertThat(http.get("/v2/sandboxes").sandboxIds()).containsExactlyElementsOf(all);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bogus",
        "running,bogus",
        "",
        "running,",
        "RUNNING",
        "killed",
        "unknown_default_open_api"
      })
  void unknownStatesAnswer400(String state) {
    http.get("/v2/sandboxes?state=" + state).assertError(400);
  }

  @Test
  void theOfficialEncodingMatchesTheWorkedExamplesOnTheWire() {
    assertThat(OfficialMetadataEncoding.queryParameter(ordered("user id", "a&b=c", "k", "v/ü")))
        .isEqualTo("metadata=user%252520id%3Da%252526b%25253Dc%26k%3Dv%25252F%2525C3%2525BC");
    assertThat(OfficialMetadataEncoding.queryParameter(Map.of("a+b", "x y(1)*~!")))
        .isEqualTo("metadata=a%25252Bb%3Dx%252520y%25281%2529*%257E%2521");
  }

  @Test
  void theMetadataFilterMatchesKeysAndValuesFullOfSpecialCharactersExactly() {
    String a = http.create(createWith(ordered("user id", "a&b=c", "k", "v/ü")));
    String b = http.create(createWith(Map.of("a+b", "x y(1)*~!")));
    String c = http.create(createWith(ordered("p%", "100%", "eq", "=", "amp", "&", "plus", "+ +")));
    String d = http.create(createWith(Map.of("user id", "a&b=c")));
    http.create(createWith(Map.of("user id", "a&b=c ")));

    assertThat(listFiltered(Map.of("user id", "a&b=c"))).containsExactly(d, a);
    assertThat(listFiltered(ordered("user id", "a&b=c", "k", "v/ü"))).containsExactly(a);
    assertThat(listFiltered(Map.of("a+b", "x y(1)*~!"))).containsExactly(b);
    assertThat(listFiltered(ordered("p%", "100%", "eq", "=", "amp", "&", "plus", "+ +")))
        .containsExactly(c);
    assertThat(listFiltered(Map.of("plus", "+ +"))).containsExactly(c);
    assertThat(listFiltered(ordered("user id", "a&b=c", "k", "other"))).isEmpty();
    assertThat(listFiltered(Map.of("missing", "x"))).isEmpty();
  }

  @Test
  void aFilterEncodedOnlyOnceGivesAWrongAnswerNotAnError() {
    http.create(createWith(Map.of("k", "a&b=c")));
    http.create(createWith(Map.of("k", "a+b")));

    for (Map<String, String> filter : List.of(Map.of("k", "a&b=c"), Map.of("k", "a+b"))) {
      TestHttp.Reply reply =
          http.get("/v2/sandboxes?" + OfficialMetadataEncoding.singleEncodedQueryParameter(filter));
      assertThat(reply.sandboxIds()).as("single-encoded %s", filter).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "novalue", // no "=": not one k=v pair
        "a%3Db%3Dc", // a=b=c
        "a%3Db%26%26c%3Dd", // an empty piece between &&
        "a%3Db%26", // a trailing &
        "%25zz", // the whole-string unescape meets %zz
        "a%3D%25", // a=% : a dangling escape
        "a%3D%252", // a=%2 : a short escape inside the value
        "k%3D%2525zz" // the value unescapes to %zz on the last pass
      })
  void malformedMetadataFiltersAnswer400(String rawValue) {
    assertThat(http.get("/v2/sandboxes?metadata=" + rawValue).assertError(400).message())
        .startsWith("Error parsing metadata");
  }

  @Test
  void anEmptyKeyAndValueIsAValidPairAndAnEmptyFilterIsA400LikeOnTheRealServer() {
    String empty = http.create(createWith(Map.of("", "")));
    http.create();

    assertThat(http.get("/v2/sandboxes?metadata=%3D").sandboxIds()).containsExactly(empty);
    assertThat(http.get("/v2/sandboxes?metadata=").assertError(400).message())
        .startsWith("Error parsing metadata");
  }

  @Test
  void filtersCombineWithStateAndPaging() {
    Instant now = server.admin().now();
    List<String> groupA =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(30)
                    .metadata(Map.of("g", "a"))
                    .spacing(Duration.ofSeconds(2))
                    .newestStartedAt(now)
                    .build());
    server
        .admin()
        .seed(
            SeedSpec.builder()
                .count(30)
                .metadata(Map.of("g", "b"))
                .spacing(Duration.ofSeconds(2))
                .newestStartedAt(now.minusSeconds(1))
                .build());
    http.post("/sandboxes/" + groupA.get(0) + "/pause", null);

    String filter = OfficialMetadataEncoding.queryParameter(Map.of("g", "a"));
    assertThat(pageThrough(filter, 7)).containsExactlyElementsOf(groupA);
    assertThat(pageThrough(filter + "&state=running", 4))
        .containsExactlyElementsOf(groupA.subList(1, 30));
    assertThat(http.get("/v2/sandboxes?state=paused&" + filter).sandboxIds())
        .containsExactly(groupA.get(0));
  }

  @Test
  void orderAscListsOldestFirstAndPagesWithItsOwnCursor() {
    List<String> newestFirst =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(7)
                    .newestStartedAt(server.admin().now().minusSeconds(60))
                    .build());
    List<String> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);

    assertThat(pageThrough("order=asc", 3)).containsExactlyElementsOf(oldestFirst);
    assertThat(pageThrough("order=desc", 3)).containsExactlyElementsOf(newestFirst);
    String ascToken =
        http.get("/v2/sandboxes?order=asc&limit=2").header("X-Next-Token").orElseThrow();
    assertThat(new String(Base64.getUrlDecoder().decode(ascToken), StandardCharsets.UTF_8))
        .endsWith("__asc");
    http.get("/v2/sandboxes?nextToken=" + ascToken).assertError(400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order=bogus",
        "order=ASC",
        "order=",
        "startedAfter=yesterday",
        "startedAfter=2026-01-01"
      })
  void invalidOrderAndStartedAfterAnswer400(String query) {
    http.get("/v2/sandboxes?" + query).assertError(400);
  }

  @Test
  void startedAfterIsAnInclusiveLowerBound() {
    Instant newest = server.admin().now().minusSeconds(60);
    List<String> ids =
        server.admin().seed(SeedSpec.builder().count(5).newestStartedAt(newest).build());
    String bound = newest.minusSeconds(2).toString(); // the third newest started exactly then

    assertThat(http.get("/v2/sandboxes?startedAfter=" + bound).sandboxIds())
        .containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(pageThrough("startedAfter=" + bound + "&order=asc", 2))
        .containsExactly(ids.get(2), ids.get(1), ids.get(0));
  }

  @Test
  void templateFiltersByAliasOrId() {
    String base = http.create();
    String interpreter = http.create("{\"templateID\":\"code-interpreter-v1\",\"timeout\":300}");
    String interpreterId =
        http.get("/sandboxes/" + interpreter).object().get("templateID").getAsString();

    assertThat(http.get("/v2/sandboxes?template=code-interpreter-v1").sandboxIds())
        .containsExactly(interpreter);
    assertThat(http.get("/v2/sandboxes?template=" + interpreterId).sandboxIds())
        .containsExactly(interpreter);
    assertThat(http.get("/v2/sandboxes?template=base").sandboxIds()).containsExactly(base);
    assertThat(http.get("/v2/sandboxes?template=unknown").sandboxIds()).isEmpty();
  }

  private List<String> listFiltered(Map<String, String> metadata) {
    return http.get("/v2/sandboxes?" + OfficialMetadataEncoding.queryParameter(metadata))
        .sandboxIds();
  }

  private List<String> pageThrough(String query, int limit) {
    List<String> ids = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      String url =
          "/v2/sandboxes?limit="
              + limit
              + (query.isEmpty() ? "" : "&" + query)
              + token.map(t -> "&nextToken=" + t).orElse("");
      TestHttp.Reply page = http.get(url);
      ids.addAll(page.sandboxIds());
      Optional<String> next = page.header("X-Next-Token");
      assertThat(next)
          .as("a token is never repeated")
          .isNotEqualTo(token.isPresent() ? token : Optional.of(""));
      token = next;
    } while (token.isPresent());
    return ids;
  }

  private static String createWith(Map<String, String> metadata) {
    return "{\"templateID\":\"base\",\"timeout\":300,\"metadata\":"
        + com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(metadata))
        + "}";
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
