package dev.sandbox4j.local.internal.envd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed /files URLs match the official SDK's signatures byte for byte. */
class FileSignatureTest {

  @Test
  void signsAsTheOfficialSdkWithAndWithoutExpiration() {
    assertThat(FileSignature.sign("/home/user/a.txt", "read", "", "tok123", Optional.empty()))
        .isEqualTo("v1_byj2OB/vujgbES/1KAKCaR27E+9eOrB6PzeTnIL8L6M");
    assertThat(
            FileSignature.sign(
                "/home/user/a.txt", "write", "root", "tok123", Optional.of(1795904452L)))
        .isEqualTo("v1_jH8Gy6Hcc5kGnz3msWIpr2eRkaFa3eMH2p4IPCvsbEQ");
  }
}
