package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@link HttpLibraryCheck} compares a library's version with the one the SDK needs. */
class HttpLibraryVersionTest {

  @ParameterizedTest
  @CsvSource({
    "5.5.1, 5.5.1, true",
    "5.5.2, 5.5.1, true",
    "5.10.0, 5.5.1, true",
    "5.6.0-alpha.1, 5.5.1, true",
    "5.5.0, 5.5.1, false",
    "5.4.9, 5.5.1, false",
    "4.12.0, 5.5.1, false",
    "6.0.0, 5.5.1, false",
    "3.18.1, 3.18.1, true",
    "3.6.0, 3.18.1, false"
  })
  void aVersionFitsWhenItHasTheSameMajorAndIsAtLeastTheNeededOne(
      String found, String needed, boolean fits) {
    assertThat(HttpLibraryCheck.compatible(found, needed)).isEqualTo(fits);
  }
}
