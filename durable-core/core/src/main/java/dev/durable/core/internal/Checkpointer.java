package dev.durable.core.internal;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends operation updates in batches and rotates the checkpoint token. Calls are serialized (each
 * consumes the previous token). Fire-and-forget updates wait in the queue and go out with the next
 * synchronous one, as the AWS SDKs batch an at-least-once START with its SUCCEED.
 */
final class Checkpointer {
  static final int MAX_UPDATES_PER_CALL = 200;
  static final int MAX_BATCH_BYTES = 750 * 1024;
  private static final int UPDATE_OVERHEAD_BYTES = 256;
  private static final int STATE_PAGE = 1000;

  private final Invocation inv;
  private final ArrayList<OperationUpdate> queue = new ArrayList<>();
  private String token;

  Checkpointer(Invocation inv, String token) {
    this.inv = inv;
    this.token = token;
  }

  /** The token the next checkpoint must carry (null once an EXECUTION checkpoint closed the run). */
  synchronized String token() {
    return token;
  }

  /** Queues an update to go out with the next synchronous checkpoint (or at the end). */
  synchronized void enqueue(OperationUpdate update) {
    queue.add(update);
  }

  /** Sends {@code update} (and everything queued before it) and waits for the service. */
  synchronized void send(OperationUpdate update) {
    queue.add(update);
    flush();
  }

  /** Sends everything queued. */
  synchronized void flush() {
    while (!queue.isEmpty()) {
      int n = Math.min(queue.size(), MAX_UPDATES_PER_CALL);
      if (upperBound(n) > MAX_BATCH_BYTES) { // rare: only then count the bytes exactly
        int bytes = 0;
        n = 0;
        while (n < queue.size() && n < MAX_UPDATES_PER_CALL) {
          int size = sizeOf(queue.get(n));
          if (n > 0 && bytes + size > MAX_BATCH_BYTES) {
            break;
          }
          bytes += size;
          n++;
        }
      }
      List<OperationUpdate> batch = new ArrayList<>(queue.subList(0, n));
      queue.subList(0, n).clear();
      call(batch);
    }
  }

  /** Asks the service for operations it completed meanwhile (an empty checkpoint). */
  synchronized void poll() {
    flush();
    call(List.of());
  }

  private void call(List<OperationUpdate> batch) {
    if (token == null) {
      throw inv.abort(new IllegalStateException(
          "no checkpoint token left: the execution was already closed by an EXECUTION checkpoint"));
    }
    DurableService.CheckpointResult result;
    try {
      result = inv.service.checkpoint(inv.executionArn, token, batch);
    } catch (Throwable t) {
      // a refused or failed checkpoint ends the invocation: later updates would build on lost state
      throw inv.abort(t);
    }
    token = result.checkpointToken();
    inv.merge(result.operations());
    String marker = result.nextMarker();
    while (marker != null && token != null) {
      DurableService.StatePage page;
      try {
        page = inv.service.getState(inv.executionArn, token, marker, STATE_PAGE);
      } catch (Throwable t) {
        throw inv.abort(t);
      }
      inv.merge(page.operations());
      marker = page.nextMarker();
    }
  }

  /** At least the size of the first {@code n} queued updates: 3 UTF-8 bytes per char at most. */
  private long upperBound(int n) {
    long bound = 0;
    for (int i = 0; i < n; i++) {
      OperationUpdate u = queue.get(i);
      bound += UPDATE_OVERHEAD_BYTES + 3L * (u.payload() == null ? 0 : u.payload().length())
          + Errors.size(u.error());
    }
    return bound;
  }

  static int sizeOf(OperationUpdate u) {
    return UPDATE_OVERHEAD_BYTES + Errors.utf8(u.payload()) + Errors.size(u.error());
  }

  /** Pages the rest of the initial state in. */
  static List<Operation> fetchAll(
      DurableService service, String arn, String token, List<Operation> first, String marker) {
    if (marker == null) {
      return first;
    }
    List<Operation> all = new ArrayList<>(first);
    while (marker != null) {
      DurableService.StatePage page = service.getState(arn, token, marker, STATE_PAGE);
      all.addAll(page.operations());
      marker = page.nextMarker();
    }
    return all;
  }
}
