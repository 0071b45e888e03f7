package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileSignatureTest {

  @Test
  void matchesTheKnownVectors() {
    assertThat(FileSignature.sign("/home/user/a.txt", "read", "", "tok123", null))
        .isEqualTo("v1_byj2OB/vujgbES/1KAKCaR27E+9eOrB6PzeTnIL8L6M");
    assertThat(FileSignature.sign("/home/user/a.txt", "write", "root", "tok123", 1795904452L))
        .isEqualTo("v1_jH8Gy6Hcc5kGnz3msWIpr2eRkaFa3eMH2p4IPCvsbEQ");
  }

  @Test
  void versionsCompareNumerically() {
    assertThat(EnvdVersion.atLeast("0.5.10", "0.5.7")).isTrue();
    assertThat(EnvdVersion.atLeast("0.5.6", "0.5.7")).isFalse();
    assertThat(EnvdVersion.atLeast("v0.6.0-rc1", "0.5.7")).isTrue();
    assertThat(EnvdVersion.atLeast(null, "0.5.7")).isTrue();
  }
}
