package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of test hooks is the one description of them: it names every route. */
class TestHookTableTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `(GET|POST|DELETE|PUT|PATCH) (/_local/\\S*)` \\|");

  @Test
  void theReadmeTableNamesExactlyTheServedRoutes() throws Exception {
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        documented.add(row.group(1) + " " + row.group(2));
      }
    }
    Set<String> served = new TreeSet<>();
    AdminRoutes.METHODS_BY_PATH.forEach(
        (path, methods) -> methods.forEach(method -> served.add(method + " " + path)));
    assertThat(served).hasSize(10);
    assertThat(documented).isEqualTo(served);
  }
}
