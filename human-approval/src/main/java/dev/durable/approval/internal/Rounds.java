package dev.durable.approval.internal;

import dev.durable.approval.ApprovalException;
import dev.durable.approval.ApprovalMessage;
import dev.durable.approval.ApprovalNotifier;
import dev.durable.approval.ApprovalOptions;
import dev.durable.approval.ApprovalRequest;
import dev.durable.approval.Decision;
import dev.durable.approval.NotificationReceipt;
import dev.durable.approval.TimeoutPolicy;
import dev.durable.core.BatchItem;
import dev.durable.core.BatchItemStatus;
import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.Branch;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CompletionPolicy;
import dev.durable.core.DurableCallback;
import dev.durable.core.DurableContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The approval operation's body. Each round (the request, then each escalation) is a child context
 * so its callback, request record and notifications sit together in the journal.
 */
public final class Rounds {
  private Rounds() {}

  public static Decision run(DurableContext ctx, ApprovalRequest request, ApprovalOptions options) {
    ApprovalRequest current = request;
    List<ApprovalNotifier> notifiers = options.notifiers();
    ApprovalMessage.Kind kind = ApprovalMessage.Kind.REQUEST;
    for (int round = 1; ; round++) {
      ApprovalRequest asked = current;
      List<ApprovalNotifier> via = notifiers;
      ApprovalMessage.Kind k = kind;
      Decision d = ctx.runInChildContext("round-" + round, Decision.class, c -> round(c, asked, k, via, options));
      if (!(d instanceof Decision.TimedOut) || !(asked.onTimeout() instanceof TimeoutPolicy.Escalate e)) {
        return d;
      }
      current = new ApprovalRequest(asked.title(), asked.details(), asked.requester(), asked.payloadJson(),
          e.approvers(), asked.actions(), e.timeout(), List.of(), e.then());
      notifiers = select(options, e.notifiers());
      kind = ApprovalMessage.Kind.ESCALATION;
    }
  }

  /** The policy that applies once every escalation has timed out too. */
  public static TimeoutPolicy finalPolicy(TimeoutPolicy p) {
    while (p instanceof TimeoutPolicy.Escalate e) {
      p = e.then();
    }
    return p;
  }

  private static Decision round(DurableContext c, ApprovalRequest req, ApprovalMessage.Kind kind,
      List<ApprovalNotifier> notifiers, ApprovalOptions options) {
    RequestRecord rec = c.step(RequestRecord.STEP, RequestRecord.class, s -> {
      var now = options.clock().instant();
      return new RequestRecord(req, req.requestHash(), kind, now, now.plus(req.timeout()));
    });
    DurableCallback<Verdict> cb = c.createCallback(RequestRecord.CALLBACK, Verdict.class,
        CallbackOptions.timeout(req.timeout()));
    ApprovalMessage msg = new ApprovalMessage(kind, rec.request(), rec.requestHash(), c.executionArn(),
        cb.id(), rec.deadline(), rec.request().approvers(), options.links());
    List<NotificationReceipt> receipts = sendAll(c, "notify", notifiers, msg, options);

    BatchResult<Verdict> waited = c.parallel("await", Verdict.class, List.of(
        Branch.of("answer", b -> cb.get()),
        Branch.of("deadline", b -> deadline(b, req, msg.withKind(ApprovalMessage.Kind.REMINDER), notifiers,
            options))),
        BatchOptions.defaults().withCompletion(CompletionPolicy.firstSuccessful()));
    Verdict v = null;
    for (BatchItem<Verdict> item : waited.items()) {
      if (item.status() == BatchItemStatus.SUCCEEDED && item.result() != null) {
        v = item.result();
        break;
      }
    }
    Decision d = v == null
        ? Decision.TimedOut.at(rec.deadline(), "no decision within " + req.timeout())
        : v.toDecision();
    for (int i = 0; i < notifiers.size(); i++) {
      ApprovalNotifier n = notifiers.get(i);
      NotificationReceipt r = receipts.get(i);
      c.step("announce-" + n.name(), Boolean.class, s -> {
        n.decided(msg, r, d);
        return true;
      }, options.notifyStep());
    }
    return d;
  }

  /** Reminders, then the deadline; returns null (no verdict) when the time is up. */
  private static Verdict deadline(DurableContext b, ApprovalRequest req, ApprovalMessage reminder,
      List<ApprovalNotifier> notifiers, ApprovalOptions options) {
    Duration elapsed = Duration.ZERO;
    int i = 1;
    for (Duration at : req.reminders()) {
      b.wait("reminder-" + i + "-due", at.minus(elapsed));
      sendAll(b, "reminder-" + i, notifiers, reminder, options);
      elapsed = at;
      i++;
    }
    b.wait("deadline", req.timeout().minus(elapsed));
    return null;
  }

  /** One step per notifier, so a retry after one channel failed never resends on the others. */
  private static List<NotificationReceipt> sendAll(DurableContext c, String prefix,
      List<ApprovalNotifier> notifiers, ApprovalMessage m, ApprovalOptions options) {
    List<NotificationReceipt> out = new ArrayList<>();
    for (ApprovalNotifier n : notifiers) {
      out.add(c.step(prefix + "-" + n.name(), NotificationReceipt.class, s -> {
        NotificationReceipt r = n.send(m, s.idempotencyKey());
        return r == null ? new NotificationReceipt(n.name(), null) : r;
      }, options.notifyStep()));
    }
    return out;
  }

  private static List<ApprovalNotifier> select(ApprovalOptions options, List<String> names) {
    if (names == null || names.isEmpty()) {
      return options.notifiers();
    }
    for (String n : names) {
      if (options.notifiers().stream().noneMatch(x -> x.name().equals(n))) {
        throw new ApprovalException("escalation names notifier '" + n + "' but only "
            + options.notifiers().stream().map(ApprovalNotifier::name).toList() + " are configured");
      }
    }
    return options.notifiers().stream().filter(x -> names.contains(x.name())).toList();
  }
}
