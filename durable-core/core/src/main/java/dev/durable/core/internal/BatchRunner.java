package dev.durable.core.internal;

import dev.durable.core.BatchItem;
import dev.durable.core.BatchItemStatus;
import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.Branch;
import dev.durable.core.ChildBody;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.CompletionReason;
import dev.durable.core.DurableOperationException;
import dev.durable.core.MapBody;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * map and parallel: a CONTEXT (Map / Parallel) whose items are child CONTEXTs (MapIteration /
 * ParallelBranch). Item ids are allocated in input order before any item starts, so they do not
 * depend on which item a thread happens to start first.
 */
final class BatchRunner<T> {
  private final ContextImpl batch;
  private final Invocation inv;
  private final List<Work<T>> work;
  private final String itemSubType;
  private final TypeToken<T> type;
  private final BatchOptions options;
  private final List<FutureImpl<T>> futures = new ArrayList<>();

  private record Work<T>(String name, ChildBody<T> body) {}

  private BatchRunner(ContextImpl batch, List<Work<T>> work, String itemSubType, TypeToken<T> type,
      BatchOptions options) {
    this.batch = batch;
    this.inv = batch.inv;
    this.work = work;
    this.itemSubType = itemSubType;
    this.type = type;
    this.options = options;
  }

  static <I, O> BatchResult<O> map(ContextImpl ctx, String name, List<I> items, TypeToken<O> type,
      MapBody<I, O> body, BatchOptions options) {
    List<Work<O>> work = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      I item = items.get(i);
      int index = i;
      String itemName = options.itemNamer() == null ? null : options.itemNamer().apply(item, i);
      if (itemName != null) {
        Names.check("map item", itemName);
      }
      work.add(new Work<>(itemName, c -> body.apply(item, index, c)));
    }
    return run(ctx, name, "Map", "MapIteration", work, type, options);
  }

  static <T> BatchResult<T> parallel(ContextImpl ctx, String name, List<Branch<T>> branches, TypeToken<T> type,
      BatchOptions options) {
    List<Work<T>> work = new ArrayList<>(branches.size());
    for (Branch<T> b : branches) {
      work.add(new Work<>(b.name(), b.body()));
    }
    return run(ctx, name, "Parallel", "ParallelBranch", work, type, options);
  }

  private static <T> BatchResult<T> run(ContextImpl ctx, String name, String subType, String itemSubType,
      List<Work<T>> work, TypeToken<T> type, BatchOptions options) {
    TypeToken<BatchResult<T>> resultType = TypeToken.parameterized(BatchResult.class, type.type());
    return new ChildRunner<>(ctx, name, subType, resultType,
        c -> new BatchRunner<>((ContextImpl) c, work, itemSubType, type, options).execute())
        .withSerDes(options.resultSerDes()).run();
  }

  private BatchResult<T> execute() {
    int n = work.size();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(batch.nextId());
    }
    int max = options.maxConcurrency() == null ? Math.max(1, n) : options.maxConcurrency();
    CompletionReason reason;
    while (true) {
      // counted before anything is looked at, so an item finishing meanwhile ends the wait below
      int doneBefore = done();
      reason = evaluate(n);
      if (reason != null) {
        break;
      }
      int running = running();
      if (futures.size() < n && running < max) {
        start(futures.size(), ids.get(futures.size()));
        continue;
      }
      if (futures.size() == n && running == 0) {
        reason = CompletionReason.ALL_COMPLETED;
        break;
      }
      inv.await(() -> done() > doneBefore, false);
    }
    inv.checkUsable();
    return result(n, reason);
  }

  private void start(int index, String id) {
    Work<T> w = work.get(index);
    ChildRunner<T> runner = new ChildRunner<>(batch, id, w.name(), itemSubType, type, w.body())
        .withSerDes(options.itemSerDes());
    Operation recorded = runner.recorded();
    if (recorded != null && recorded.status().isTerminal()
        && (recorded.contextDetails() == null || !Boolean.TRUE.equals(recorded.contextDetails().replayChildren()))) {
      // finished in an earlier invocation: replays from the journal without a thread
      try {
        futures.add(FutureImpl.completed(inv, runner.run()));
      } catch (SuspendSignal s) {
        throw s;
      } catch (RuntimeException e) {
        futures.add(FutureImpl.failed(inv, e));
      }
      return;
    }
    futures.add(Tasks.async(inv, runner::run));
  }

  private int running() {
    int r = 0;
    for (FutureImpl<T> f : futures) {
      if (!f.isDone()) {
        r++;
      }
    }
    return r;
  }

  private int done() {
    return futures.size() - running();
  }

  private CompletionReason evaluate(int total) {
    int succeeded = 0;
    int failed = 0;
    for (FutureImpl<T> f : futures) {
      if (f.isDone()) {
        if (f.error() == null) {
          succeeded++;
        } else {
          failed++;
        }
      }
    }
    CompletionPolicy p = options.completion();
    if (p.toleratedFailureCount() != null && failed > p.toleratedFailureCount()) {
      return CompletionReason.FAILURE_TOLERANCE_EXCEEDED;
    }
    if (p.toleratedFailurePercentage() != null && total > 0
        && failed * 100.0 / total > p.toleratedFailurePercentage()) {
      return CompletionReason.FAILURE_TOLERANCE_EXCEEDED;
    }
    if (p.minSuccessful() != null && succeeded >= p.minSuccessful()) {
      return CompletionReason.MIN_SUCCESSFUL_REACHED;
    }
    return null;
  }

  private BatchResult<T> result(int n, CompletionReason reason) {
    List<BatchItem<T>> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = work.get(i).name();
      if (i >= futures.size()) {
        items.add(new BatchItem<>(i, name, BatchItemStatus.SKIPPED, null, null));
        continue;
      }
      FutureImpl<T> f = futures.get(i);
      if (!f.isDone()) {
        items.add(new BatchItem<>(i, name, BatchItemStatus.STARTED, null, null));
      } else if (f.error() == null) {
        items.add(new BatchItem<>(i, name, BatchItemStatus.SUCCEEDED, f.get(), null));
      } else {
        Throwable e = f.error();
        if (e instanceof SuspendSignal s) {
          throw s;
        }
        ErrorObject error = e instanceof DurableOperationException d && d.error() != null
            ? d.error() : Errors.toError(e);
        items.add(new BatchItem<>(i, name, BatchItemStatus.FAILED, null, error));
      }
    }
    return new BatchResult<>(items, reason);
  }
}
