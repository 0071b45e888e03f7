package dev.sandbox4j.benchmarks;

import com.google.gson.Gson;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The baseline a user could write by hand: OkHttp plus Gson binding each page into a plain class,
 * following {@code X-Next-Token}. Timestamps stay strings and nothing is validated, so it is the
 * least work that still reads every item; the SDK's ratio to it is its whole overhead.
 */
final class RawListingLoop implements AutoCloseable {
  /** One listed sandbox as Gson binds it. */
  static final class Item {
    String sandboxID;
    String templateID;
    String clientID;
    String alias;
    String startedAt;
    String endAt;
    String state;
    int cpuCount;
    int memoryMB;
    Integer diskSizeMB;
    String envdVersion;
    Map<String, String> metadata;
  }

  private final OkHttpClient http = new OkHttpClient();
  private final Gson gson = new Gson();
  private final HttpUrl listUrl;
  private final String apiKey;

  RawListingLoop(String apiUrl, String apiKey) {
    this.listUrl = HttpUrl.get(apiUrl).newBuilder().addPathSegments("v2/sandboxes").build();
    this.apiKey = apiKey;
  }

  /** Lists everything in pages of {@code limit}; returns the number of sandboxes read. */
  int listAll(int limit) throws IOException {
    int count = 0;
    String token = null;
    do {
      HttpUrl.Builder url = listUrl.newBuilder().addQueryParameter("limit", String.valueOf(limit));
      if (token != null) {
        url.addQueryParameter("nextToken", token);
      }
      Request request = new Request.Builder().url(url.build()).header("X-API-Key", apiKey).build();
      try (Response response = http.newCall(request).execute()) {
        if (!response.isSuccessful()) {
          throw new IOException("HTTP " + response.code());
        }
        Item[] items = gson.fromJson(response.body().charStream(), Item[].class);
        for (Item item : items) {
          if (item.sandboxID == null) {
            throw new IOException("an item without sandboxID");
          }
          count++;
        }
        token = response.header("X-Next-Token");
      }
    } while (token != null && !token.isEmpty());
    return count;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
