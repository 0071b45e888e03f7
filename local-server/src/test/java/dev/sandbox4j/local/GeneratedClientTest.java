package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.generated.ApiClient;
import dev.sandbox4j.generated.ApiException;
import dev.sandbox4j.generated.ApiResponse;
import dev.sandbox4j.generated.api.SandboxesApi;
import dev.sandbox4j.generated.model.ConnectSandbox;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.generated.model.Sandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.generated.model.SandboxTimeoutUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drives every operation through the client generated from the same OpenAPI document: whatever the
 * server sends must parse into the generated models, and the statuses must be the documented ones.
 */
@ExtendWith(LocalSandboxServerExtension.class)
class GeneratedClientTest extends LocalServerTest {

  private SandboxesApi api;

  @BeforeEach
  void client() {
    ApiClient client =
        new ApiClient(new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
    client.setBasePath(server.apiUrl());
    client.addDefaultHeader("X-API-Key", server.apiKey());
    api = new SandboxesApi(client);
  }

  @Test
  void everyOperationRoundTripsThroughTheGeneratedModels() throws ApiException {
    ApiResponse<Sandbox> created =
        api.createSandboxWithHttpInfo(
            new NewSandbox()
                .templateID("base")
                .timeout(60)
                .secure(true)
                .putMetadataItem("user id", "a&b=c"));
    assertThat(created.getStatusCode()).isEqualTo(201);
    String id = created.getData().getSandboxID();
    assertThat(created.getData().getEnvdAccessToken()).isNotBlank();

    SandboxDetail detail = api.getSandbox(id);
    assertThat(detail.getState()).isEqualTo("running");
    assertThat(Duration.between(detail.getStartedAt(), detail.getEndAt()))
        .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
    assertThat(detail.getLifecycle().getOnTimeout()).isEqualTo("kill");

    ApiResponse<List<ListedSandbox>> page =
        api.listSandboxesWithHttpInfo(
            OfficialMetadataEncoding.joinedPairs(Map.of("user id", "a&b=c")),
            List.of(SandboxState.RUNNING, SandboxState.PAUSED),
            10,
            null);
    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getData()).extracting(ListedSandbox::getSandboxID).containsExactly(id);
    assertThat(page.getHeaders()).doesNotContainKey("x-next-token");

    assertThat(
            api.connectSandboxWithHttpInfo(id, new ConnectSandbox().timeout(120)).getStatusCode())
        .isEqualTo(200);
    api.setSandboxTimeout(id, new SandboxTimeoutUpdate().timeout(30));
    api.pauseSandbox(id);
    assertThat(api.listSandboxes(null, List.of(SandboxState.PAUSED), null, null))
        .extracting(ListedSandbox::getState)
        .containsExactly("paused");
    assertThat(
            api.connectSandboxWithHttpInfo(id, new ConnectSandbox().timeout(120)).getStatusCode())
        .isEqualTo(201);
    api.killSandbox(id);

    assertThatThrownBy(() -> api.killSandbox(id))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void theNextTokenHeaderReachesTheGeneratedClient() throws ApiException {
    server.admin().seed(SeedSpec.of(3));

    ApiResponse<List<ListedSandbox>> first = api.listSandboxesWithHttpInfo(null, null, 2, null);
    String token = first.getHeaders().get("x-next-token").get(0);
    ApiResponse<List<ListedSandbox>> second = api.listSandboxesWithHttpInfo(null, null, 2, token);

    assertThat(first.getData()).hasSize(2);
    assertThat(second.getData()).hasSize(1);
    assertThat(second.getHeaders()).doesNotContainKey("x-next-token");
  }

  @Test
  void errorStatusesArriveAsApiExceptionsWithAnErrorBody() {
    assertThatThrownBy(() -> api.pauseSandbox("nosuchsandbox"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getResponseBody()).contains("\"code\":404");
            });
    assertThatThrownBy(() -> api.listSandboxes(null, null, 101, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
  }
}
