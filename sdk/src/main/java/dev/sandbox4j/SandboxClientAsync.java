package dev.sandbox4j;

import dev.sandbox4j.internal.ClientCore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The operations of a {@link SandboxClient}, returning {@link CompletableFuture}s; obtain it with
 * {@link SandboxClient#async()}.
 *
 * <p>Each call runs the synchronous operation (same validation, retries, timeouts and error
 * mapping) on the client's async executor, so the two never differ in behaviour. Every failure, bad
 * arguments included, completes the future exceptionally with a {@link
 * dev.sandbox4j.errors.SandboxException} ({@code join()} wraps it in a {@code
 * CompletionException}). Cancelling a future does not stop a request already sent.
 */
public final class SandboxClientAsync {
  private final SandboxClient client;
  private final ClientCore core;

  SandboxClientAsync(SandboxClient client, ClientCore core) {
    this.client = client;
    this.core = core;
  }

  private <T> CompletableFuture<T> run(Supplier<T> operation) {
    return core.supplyAsync(operation);
  }

  /**
   * Creates a sandbox from the {@code base} template with a 300 s lifetime.
   *
   * @return the handle, when created
   * @see SandboxClient#create()
   */
  public CompletableFuture<Sandbox> create() {
    return run(client::create);
  }

  /**
   * Creates a sandbox; like the synchronous call, it is never repeated once the server may have
   * acted.
   *
   * @param params what to create
   * @return the handle, when created
   * @see SandboxClient#create(CreateSandboxParams)
   */
  public CompletableFuture<Sandbox> create(CreateSandboxParams params) {
    return run(() -> client.create(params));
  }

  /**
   * Lists sandboxes with an asynchronous paginator.
   *
   * @param query filters, page size and cursor; a null query fails the first fetch's future
   * @return a paginator; nothing is fetched until {@link SandboxAsyncPaginator#nextItems()}
   */
  public SandboxAsyncPaginator list(SandboxListQuery query) {
    return SandboxAsyncPaginator.start(() -> client.list(query), core);
  }

  /**
   * Lists every running and paused sandbox with an asynchronous paginator.
   *
   * @return a paginator; nothing is fetched until {@link SandboxAsyncPaginator#nextItems()}
   */
  public SandboxAsyncPaginator list() {
    return list(SandboxListQuery.all());
  }

  /**
   * Connects to a sandbox, resuming it if it is paused.
   *
   * @param sandboxId the sandbox's id
   * @return the handle, when connected
   * @see SandboxClient#connect(String)
   */
  public CompletableFuture<Sandbox> connect(String sandboxId) {
    return run(() -> client.connect(sandboxId));
  }

  /**
   * Connects to a sandbox with the given lifetime, resuming it if it is paused.
   *
   * @param sandboxId the sandbox's id
   * @param params the lifetime to give it
   * @return the handle, when connected
   * @see SandboxClient#connect(String, ConnectSandboxParams)
   */
  public CompletableFuture<Sandbox> connect(String sandboxId, ConnectSandboxParams params) {
    return run(() -> client.connect(sandboxId, params));
  }

  /**
   * Kills a sandbox.
   *
   * @param sandboxId the sandbox's id
   * @return true if it was killed, false if it did not exist
   * @see SandboxClient#kill(String)
   */
  public CompletableFuture<Boolean> kill(String sandboxId) {
    return run(() -> client.kill(sandboxId));
  }

  /**
   * Fetches a sandbox's details.
   *
   * @param sandboxId the sandbox's id
   * @return the details
   * @see SandboxClient#getInfo(String)
   */
  public CompletableFuture<SandboxInfo> getInfo(String sandboxId) {
    return run(() -> client.getInfo(sandboxId));
  }

  /**
   * Sets a running sandbox's remaining lifetime, counted from now.
   *
   * @param sandboxId the sandbox's id
   * @param timeout the lifetime
   * @return completes when applied
   * @see SandboxClient#setTimeout(String, Duration)
   */
  public CompletableFuture<Void> setTimeout(String sandboxId, Duration timeout) {
    return run(
        () -> {
          client.setTimeout(sandboxId, timeout);
          return null;
        });
  }

  /**
   * Pauses a running sandbox.
   *
   * @param sandboxId the sandbox's id
   * @return true if this call paused it, false if it already was
   * @see SandboxClient#pause(String)
   */
  public CompletableFuture<Boolean> pause(String sandboxId) {
    return run(() -> client.pause(sandboxId));
  }
}
