package dev.durable.local.crash;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.StoredExecution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a store returns through the storage SPI (every execution and its operations), so that
 * a store opened after corruption can be compared with the intact one.
 *
 * @param executions execution id to its stored form
 */
public record StoreSnapshot(Map<String, StoredExecution> executions) {

  /** Reads every execution of {@code store}; any error of the store propagates. */
  public static StoreSnapshot read(ExecutionStore store) {
    Map<String, StoredExecution> all = new LinkedHashMap<>();
    for (ExecutionRecord r : store.list(ExecutionQuery.all())) {
      StoredExecution stored = store.load(r.executionId())
          .orElseThrow(() -> new IllegalStateException("listed execution " + r.executionId() + " cannot be loaded"));
      all.put(r.executionId(), stored);
    }
    return new StoreSnapshot(all);
  }

  /** Operations over all executions. */
  public int operationCount() {
    return executions.values().stream().mapToInt(e -> e.operations().size()).sum();
  }

  /**
   * Why {@code recovered} is not an earlier state of this (intact) snapshot; empty when it is. An
   * earlier state may lack executions and operations, and may show an operation in a non-terminal
   * status that later ended; it may not hold anything the intact store never held, nor a terminal
   * status or result that differs.
   */
  public List<String> inconsistenciesOf(StoreSnapshot recovered) {
    List<String> problems = new ArrayList<>();
    recovered.executions.forEach((id, rec) -> {
      StoredExecution intact = executions.get(id);
      if (intact == null) {
        problems.add("execution " + id + " did not exist in the intact store");
        return;
      }
      ExecutionRecord r = rec.execution();
      ExecutionRecord i = intact.execution();
      if (r.status().isTerminal() && (r.status() != i.status() || !java.util.Objects.equals(r.result(), i.result()))) {
        problems.add("execution " + id + " ended " + r.status() + " " + r.result() + " but the intact store says "
            + i.status() + " " + i.result());
      }
      if (!r.functionName().equals(i.functionName()) || !r.executionName().equals(i.executionName())
          || !r.inputPayload().equals(i.inputPayload())) {
        problems.add("execution " + id + " has another function, name or input than in the intact store");
      }
      Map<String, Operation> intactOps = new LinkedHashMap<>();
      intact.operations().forEach(o -> intactOps.put(o.operation().id(), o.operation()));
      for (OperationRecord o : rec.operations()) {
        problems.addAll(compare(id, o.operation(), intactOps.get(o.operation().id())));
      }
    });
    return problems;
  }

  private static List<String> compare(String execution, Operation r, Operation i) {
    String what = "operation " + execution + "/" + r.id() + " (" + r.name() + ")";
    if (i == null) {
      return List.of(what + " did not exist in the intact store");
    }
    List<String> problems = new ArrayList<>();
    if (r.type() != i.type() || !java.util.Objects.equals(r.name(), i.name())
        || !java.util.Objects.equals(r.parentId(), i.parentId())) {
      problems.add(what + " has another type, name or parent than in the intact store");
    }
    boolean terminal = r.status() == OperationStatus.SUCCEEDED || r.status() == OperationStatus.FAILED;
    if (terminal && r.status() != i.status()) {
      problems.add(what + " is " + r.status() + " but " + i.status() + " in the intact store");
    }
    if (r.stepDetails() != null && r.stepDetails().result() != null
        && (i.stepDetails() == null || !r.stepDetails().result().equals(i.stepDetails().result()))) {
      problems.add(what + " has result " + r.stepDetails().result() + " but "
          + (i.stepDetails() == null ? null : i.stepDetails().result()) + " in the intact store");
    }
    if (r.attempt() > i.attempt()) {
      problems.add(what + " shows attempt " + r.attempt() + ", later than the intact store's " + i.attempt());
    }
    return problems;
  }
}
