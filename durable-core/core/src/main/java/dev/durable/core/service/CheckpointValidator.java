package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a whole checkpoint batch before anything is applied (reference §2.4), so that a batch is
 * applied completely or not at all. Messages are the service's where the reference quotes them
 * (the local emulators' otherwise); limit messages name the operation and the size.
 *
 * <p>Order of checks, as in the emulators: the model constraints of every update (ids, names,
 * option ranges), then the EXECUTION-update placement, then each update in order against the
 * operation's state as the earlier updates of the same batch leave it.
 */
final class CheckpointValidator {

  /** The state of one operation as the batch so far sees it. */
  private static final class View {
    String id;
    OperationType type;
    String subType;
    String name;
    String parentId;
    OperationStatus status;
    OperationAction lastAction;
    boolean startedInBatch;
  }

  /**
   * The operations the batch touched so far. Batches are usually one or two updates (a step's
   * START and SUCCEED), so a linear scan beats hashing until the batch grows.
   */
  private static final class Batch {
    private final List<View> views = new ArrayList<>(4);
    private Map<String, View> index;

    View get(String id) {
      if (index != null) {
        return index.get(id);
      }
      for (int i = 0; i < views.size(); i++) {
        if (views.get(i).id.equals(id)) {
          return views.get(i);
        }
      }
      return null;
    }

    void add(View v) {
      views.add(v);
      if (index != null) {
        index.put(v.id, v);
      } else if (views.size() > 8) {
        index = new HashMap<>();
        for (View each : views) {
          index.put(each.id, each);
        }
      }
    }
  }

  private CheckpointValidator() {}

  /** Throws {@link ServiceException} on the first rule {@code updates} break. */
  static void validate(LiveExecution x, List<OperationUpdate> updates) {
    if (updates.isEmpty()) {
      return;
    }
    for (int i = 0; i < updates.size(); i++) {
      ModelConstraints.check(updates.get(i), i + 1);
    }
    checkExecutionUpdates(updates);

    Batch batch = new Batch();
    long upperBytes = 0;
    int newOps = 0;
    String firstNew = null;
    for (OperationUpdate u : updates) {
      if (u.type() == OperationType.EXECUTION) {
        checkExecution(u);
        checkPayloadSize(u, Limits.MAX_EXECUTION_PAYLOAD_BYTES);
        continue;
      }
      View view = batch.get(u.id());
      boolean inBatch = view != null;
      if (inBatch && !isAllowedRepeat(view, u)) {
        throw invalid("Cannot checkpoint multiple operations with the same ID.");
      }
      if (u.parentId() != null && !isValidParent(x, batch, u.parentId())) {
        throw invalid("Invalid parent operation id.");
      }
      if (!isValidAction(u.type(), u.action())) {
        throw invalid("Invalid action for the given operation type.");
      }
      if (view == null) {
        OperationRecord stored = x.op(u.id());
        if (stored != null) {
          view = viewOf(stored.operation());
        }
      }
      if (view != null) {
        checkConsistent(view, u);
      }
      checkTransition(view, u);
      checkErrorSize(u);
      checkPayloadSize(u, Limits.MAX_OPERATION_PAYLOAD_BYTES);
      upperBytes += 3L * length(u.payload()) + Limits.errorJsonBytes(u.error());
      if (view == null) {
        view = new View();
        view.id = u.id();
        view.type = u.type();
        newOps++;
        firstNew = firstNew == null ? describe(u) : firstNew;
      }
      advance(view, u);
      if (!inBatch) {
        batch.add(view);
      }
    }
    if (upperBytes > Limits.MAX_BATCH_BYTES) {
      checkBatchSize(updates);
    }
    if (newOps > 0 && x.operationCount() + newOps > Limits.MAX_OPERATIONS) {
      throw invalid("Execution " + x.id + " would exceed the limit of " + Limits.MAX_OPERATIONS
          + " operations per execution: it holds " + x.operationCount() + " and this checkpoint"
          + " adds " + newOps + " (first new: " + firstNew + ").");
    }
  }

  private static void checkExecutionUpdates(List<OperationUpdate> updates) {
    int count = 0;
    for (OperationUpdate u : updates) {
      count += u.type() == OperationType.EXECUTION ? 1 : 0;
    }
    if (count > 1) {
      throw invalid("Cannot checkpoint multiple EXECUTION updates.");
    }
    if (count == 1 && updates.get(updates.size() - 1).type() != OperationType.EXECUTION) {
      throw invalid("EXECUTION checkpoint must be the last update.");
    }
  }

  private static void checkExecution(OperationUpdate u) {
    if (!isValidAction(u.type(), u.action())) {
      throw invalid("Invalid action for the given operation type.");
    }
    checkPayloadAndError(u);
    checkErrorSize(u);
  }

  /** START followed by a non-START is the only repeat, and only for STEP and CONTEXT. */
  private static boolean isAllowedRepeat(View earlier, OperationUpdate u) {
    return (earlier.type == OperationType.STEP || earlier.type == OperationType.CONTEXT)
        && earlier.lastAction == OperationAction.START && u.action() != OperationAction.START;
  }

  private static boolean isValidParent(LiveExecution x, Batch batch, String parentId) {
    View started = batch.get(parentId);
    if (started != null && started.startedInBatch) {
      return started.type == OperationType.CONTEXT;
    }
    OperationRecord parent = x.op(parentId);
    return parent != null && parent.operation().type() == OperationType.CONTEXT;
  }

  /** The per-type actions of reference §2.4. */
  static boolean isValidAction(OperationType type, OperationAction action) {
    return switch (type) {
      case STEP -> action != OperationAction.CANCEL;
      case CONTEXT -> action == OperationAction.START || action == OperationAction.SUCCEED
          || action == OperationAction.FAIL;
      case WAIT, CHAINED_INVOKE -> action == OperationAction.START
          || action == OperationAction.CANCEL;
      case CALLBACK -> action == OperationAction.START;
      case EXECUTION -> action == OperationAction.SUCCEED || action == OperationAction.FAIL;
    };
  }

  /** Null members of an update mean "as before"; a different value is a replay mismatch. */
  private static void checkConsistent(View v, OperationUpdate u) {
    if (v.type != u.type()) {
      throw inconsistent("Type", u.id(), v.type, u.type());
    }
    if (u.subType() != null && v.subType != null && !u.subType().equals(v.subType)) {
      throw inconsistent("SubType", u.id(), v.subType, u.subType());
    }
    if (u.name() != null && v.name != null && !u.name().equals(v.name)) {
      throw inconsistent("Name", u.id(), v.name, u.name());
    }
    if (u.parentId() != null && !u.parentId().equals(v.parentId)) {
      throw inconsistent("ParentId", u.id(), v.parentId, u.parentId());
    }
  }

  private static ServiceException inconsistent(String field, String id, Object was, Object now) {
    return invalid("Inconsistent operation " + field + " for operation '" + id + "': it was "
        + was + ", the update says " + now + ".");
  }

  private static void checkTransition(View v, OperationUpdate u) {
    OperationStatus s = v == null ? null : v.status;
    OperationAction a = u.action();
    switch (u.type()) {
      case STEP -> {
        if (a == OperationAction.START) {
          require(s == null || s == OperationStatus.READY, "Invalid current STEP state to start.");
        } else if (a == OperationAction.RETRY) {
          require(s == null || s == OperationStatus.STARTED || s == OperationStatus.READY,
              "Invalid current STEP state to re-attempt.");
          require(u.options() != null && u.options().nextAttemptDelaySeconds() != null,
              "Invalid StepOptions for the given action.");
          require(u.error() == null || u.payload() == null,
              "Cannot provide both error and payload to RETRY a STEP.");
        } else {
          require(s == null || s == OperationStatus.STARTED || s == OperationStatus.READY,
              "Invalid current STEP state to close.");
          checkPayloadAndError(u);
        }
      }
      case CONTEXT -> {
        if (a == OperationAction.START) {
          require(v == null, "Cannot start a CONTEXT that already exists.");
        } else {
          require(s == null || s == OperationStatus.STARTED,
              "Invalid current CONTEXT state to close.");
          checkPayloadAndError(u);
        }
      }
      case WAIT -> {
        if (a == OperationAction.START) {
          require(v == null, "Cannot start a WAIT that already exists.");
          require(u.options() != null && u.options().waitSeconds() != null,
              "Invalid WaitOptions for the given action.");
        } else {
          require(s == OperationStatus.STARTED,
              "Cannot cancel a WAIT that does not exist or has already completed.");
        }
      }
      case CALLBACK -> require(v == null, "Cannot start a CALLBACK that already exists.");
      case CHAINED_INVOKE -> {
        if (a == OperationAction.START) {
          require(v == null, "Cannot start a CHAINED_INVOKE that already exists.");
          require(u.options() != null && u.options().functionName() != null,
              "ChainedInvokeOptions.FunctionName is required to START a CHAINED_INVOKE"
                  + " (operation '" + u.id() + "').");
        } else {
          require(s == OperationStatus.STARTED,
              "Cannot cancel a CHAINED_INVOKE that does not exist or has already completed.");
        }
      }
      case EXECUTION -> { }
    }
  }

  private static void checkPayloadAndError(OperationUpdate u) {
    if (u.action() == OperationAction.FAIL) {
      require(u.payload() == null, "Cannot provide a Payload for FAIL action.");
    } else if (u.action() == OperationAction.SUCCEED) {
      require(u.error() == null, "Cannot provide an Error for SUCCEED action.");
    }
  }

  private static void checkErrorSize(OperationUpdate u) {
    if (u.error() == null) {
      return;
    }
    int bytes = Limits.errorJsonBytes(u.error());
    if (bytes >= Limits.MAX_ERROR_BYTES) {
      throw invalid("Error object size must be less than " + Limits.MAX_ERROR_BYTES
          + " bytes (operation " + describe(u) + ": " + bytes + " bytes).");
    }
  }

  private static void checkPayloadSize(OperationUpdate u, int limit) {
    String payload = u.payload();
    if (payload == null || 3L * payload.length() <= limit) {
      return; // cannot be over the limit: skip the exact count on the hot path
    }
    int bytes = Limits.utf8Length(payload);
    if (bytes > limit) {
      throw invalid("Payload of operation " + describe(u) + " is " + bytes
          + " bytes, over the limit of " + limit + " bytes for one operation. Keep large data"
          + " outside the journal and checkpoint a reference to it.");
    }
  }

  private static void checkBatchSize(List<OperationUpdate> updates) {
    long bound = 0; // at most 3 UTF-8 bytes per char: below the limit, no exact count is needed
    for (OperationUpdate u : updates) {
      if (u.type() != OperationType.EXECUTION) {
        bound += 3L * (u.payload() == null ? 0 : u.payload().length())
            + Limits.errorJsonBytes(u.error());
      }
    }
    if (bound <= Limits.MAX_BATCH_BYTES) {
      return;
    }
    long bytes = 0;
    for (OperationUpdate u : updates) {
      if (u.type() != OperationType.EXECUTION) {
        bytes += Limits.utf8Length(u.payload()) + Limits.errorJsonBytes(u.error());
      }
    }
    if (bytes > Limits.MAX_BATCH_BYTES) {
      throw invalid("Checkpoint batch carries " + bytes + " bytes of payloads and errors, over"
          + " the limit of " + Limits.MAX_BATCH_BYTES + " bytes (750 KB) per checkpoint. Send"
          + " the updates in several checkpoints.");
    }
  }

  private static void advance(View v, OperationUpdate u) {
    v.subType = u.subType() != null ? u.subType() : v.subType;
    v.name = u.name() != null ? u.name() : v.name;
    v.parentId = u.parentId() != null ? u.parentId() : v.parentId;
    v.lastAction = u.action();
    v.startedInBatch |= u.action() == OperationAction.START;
    v.status = switch (u.action()) {
      case START -> OperationStatus.STARTED;
      case RETRY -> OperationStatus.PENDING;
      case SUCCEED -> OperationStatus.SUCCEEDED;
      case FAIL -> OperationStatus.FAILED;
      case CANCEL -> u.type() == OperationType.WAIT ? OperationStatus.CANCELLED
          : OperationStatus.STOPPED;
    };
  }

  private static View viewOf(Operation op) {
    View v = new View();
    v.id = op.id();
    v.type = op.type();
    v.subType = op.subType();
    v.name = op.name();
    v.parentId = op.parentId();
    v.status = op.status();
    return v;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw invalid(message);
    }
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  /** "'name' (id)" or "'id'", for messages. */
  static String describe(OperationUpdate u) {
    return u.name() == null ? "'" + u.id() + "'" : "'" + u.name() + "' (" + u.id() + ")";
  }
}
