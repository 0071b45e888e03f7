package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bom/pom.xml} has no parent (so that importing it imports nothing else) and therefore
 * repeats the OkHttp and okio versions: they must be the ones the SDK is built with.
 */
class BomTest {

  @ParameterizedTest
  @ValueSource(strings = {"okhttp.version", "okio.version"})
  void theBomManagesTheVersionsTheSdkIsBuiltWith(String property) throws IOException {
    assertThat(property(Path.of("../bom/pom.xml"), property))
        .isNotEmpty()
        .isEqualTo(property(Path.of("../pom.xml"), property));
  }

  private static String property(Path pom, String name) throws IOException {
    Matcher matcher =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
    return matcher.find() ? matcher.group(1) : "";
  }
}
