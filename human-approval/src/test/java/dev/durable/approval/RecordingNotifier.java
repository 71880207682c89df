package dev.durable.approval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier that records what it was asked to send; can fail its first sends. */
final class RecordingNotifier implements ApprovalNotifier {
  // copy-on-write: tests stream these while worker threads add to them
  final List<ApprovalMessage> sent = new CopyOnWriteArrayList<>();
  final List<Decision> decided = new CopyOnWriteArrayList<>();
  private final String name;
  private int failuresLeft;
  int attempts;

  RecordingNotifier(String name) {
    this(name, 0);
  }

  RecordingNotifier(String name, int failFirst) {
    this.name = name;
    this.failuresLeft = failFirst;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized NotificationReceipt send(ApprovalMessage message, String idempotencyKey) {
    attempts++;
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("channel down (simulated outage)");
    }
    sent.add(message);
    return new NotificationReceipt(name, Map.of("n", String.valueOf(sent.size())));
  }

  @Override
  public void decided(ApprovalMessage message, NotificationReceipt receipt, Decision decision) {
    decided.add(decision);
  }
}
