package dev.durable.examples.common;

import dev.durable.approval.ApprovalMessage;
import dev.durable.approval.ApprovalNotifier;
import dev.durable.approval.Decision;
import dev.durable.approval.NotificationReceipt;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A local approval channel for the CLI: instead of Slack or email it hands each approver's signed
 * link to a printer (the terminal), and keeps the messages so the demo's simulated approver can use
 * the link it was "sent". Runs as a journaled step like any notifier, so a link is printed once.
 *
 * <pre>{@code
 * PrintingNotifier terminal = new PrintingNotifier(System.out::println);
 * ApprovalOptions options = ApprovalOptions.of(ApprovalLinks.of(localUrl, key), terminal);
 * }</pre>
 */
public final class PrintingNotifier implements ApprovalNotifier {
  private final Consumer<String> printer;
  private final List<ApprovalMessage> sent = new CopyOnWriteArrayList<>();

  /** Prints through {@code printer}. */
  public PrintingNotifier(Consumer<String> printer) {
    this.printer = printer;
  }

  @Override
  public String name() {
    return "terminal";
  }

  @Override
  public NotificationReceipt send(ApprovalMessage m, String idempotencyKey) {
    sent.add(m);
    StringBuilder b = new StringBuilder("  [approval] " + m.subject() + " (requested by " + m.request().requester()
        + ", deadline " + m.deadline() + ")\n");
    for (String approver : m.approvers()) {
      b.append("  [approval] link for ").append(approver).append(": ").append(m.pageUrl(approver, null)).append('\n');
    }
    printer.accept(b.toString().stripTrailing());
    return new NotificationReceipt(name(), Map.of("callbackId", m.callbackId()));
  }

  @Override
  public void decided(ApprovalMessage m, NotificationReceipt receipt, Decision decision) {
    printer.accept("  [approval] " + m.request().title() + ": " + decision.getClass().getSimpleName()
        + " by " + decision.approver() + (decision.comment() == null ? "" : " (\"" + decision.comment() + "\")"));
  }

  /** The messages sent through this instance, oldest first. */
  public List<ApprovalMessage> sent() {
    return List.copyOf(sent);
  }
}
