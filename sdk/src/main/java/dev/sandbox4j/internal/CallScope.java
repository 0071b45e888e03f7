package dev.sandbox4j.internal;

import okhttp3.Call;

/**
 * Lets a future cancel the HTTP call that serves it, whichever attempt is running: cancelling the
 * scope cancels the current call and any call attached later.
 */
public final class CallScope {
  private volatile Call call;
  private volatile boolean cancelled;

  /** Binds the scope to a call about to run; cancels it at once if the scope was cancelled. */
  public void attach(Call call) {
    this.call = call;
    if (cancelled) {
      call.cancel();
    }
  }

  /** Cancels the current call, and every call attached from now on. */
  public void cancel() {
    cancelled = true;
    Call current = call;
    if (current != null) {
      current.cancel();
    }
  }

  public boolean cancelled() {
    return cancelled;
  }
}
