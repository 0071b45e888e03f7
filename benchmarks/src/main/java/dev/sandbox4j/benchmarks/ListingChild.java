package dev.sandbox4j.benchmarks;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;

/**
 * What the comparison runs in a fresh JVM: {@code first-page URL KEY} fetches one page of 100 (cold
 * start), {@code iterate URL KEY} walks the whole listing (the small-heap check). Prints the number
 * of sandboxes seen.
 */
public final class ListingChild {
  private ListingChild() {}

  public static void main(String[] args) {
    try (SandboxClient client = SandboxClient.builder().apiUrl(args[1]).apiKey(args[2]).build()) {
      SandboxListQuery query = SandboxListQuery.builder().limit(100).build();
      if (args[0].equals("first-page")) {
        System.out.println(client.list(query).nextItems().size());
        return;
      }
      long count = 0;
      for (SandboxInfo info : client.list(query)) {
        if (info.sandboxId().isEmpty()) {
          throw new IllegalStateException("empty id");
        }
        count++;
      }
      System.out.println(count);
    }
  }
}
