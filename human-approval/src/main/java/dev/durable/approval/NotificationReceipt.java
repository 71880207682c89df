package dev.durable.approval;

import java.util.Map;

/**
 * What a notifier reports after sending, journaled with the notify step (e.g. a Slack channel and
 * message timestamp), so the message can be updated once the decision is in.
 *
 * @param notifier the notifier's {@link ApprovalNotifier#name() name}
 * @param refs notifier-specific references
 */
public record NotificationReceipt(String notifier, Map<String, String> refs) {
  public NotificationReceipt {
    refs = refs == null ? Map.of() : Map.copyOf(refs);
  }
}
