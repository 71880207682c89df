package dev.durable.approval;

import dev.durable.core.StepOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How approvals are delivered: the notifiers, the link minter, the clock, and the retry policy of
 * the notification steps (SMTP or Slack outages are retried as durable step retries).
 *
 * <pre>{@code
 * ApprovalOptions options = ApprovalOptions.of(links, email, slack);
 * }</pre>
 *
 * @param notifiers the channels, at least one
 * @param links mints signed links for the endpoint
 * @param clock stamps requests (deadlines, link expiry)
 * @param notifyStep options of the steps that notify (default: at most once per attempt, default retries)
 */
public record ApprovalOptions(List<ApprovalNotifier> notifiers, ApprovalLinks links, Clock clock,
    StepOptions notifyStep) {

  public ApprovalOptions {
    if (notifiers == null || notifiers.isEmpty()) {
      throw new ApprovalException("notifiers is empty; pass an EmailNotifier, a SlackNotifier or your own");
    }
    notifiers = List.copyOf(notifiers);
    if (notifiers.stream().map(ApprovalNotifier::name).distinct().count() != notifiers.size()) {
      throw new ApprovalException("notifier names must be unique, got "
          + notifiers.stream().map(ApprovalNotifier::name).toList());
    }
    Objects.requireNonNull(links, "links: pass ApprovalLinks.of(baseUrl, signingKey)");
    clock = clock == null ? Clock.systemUTC() : clock;
    // at most once per attempt: a crash mid-send fails that attempt, and any resend is a journaled retry
    notifyStep = notifyStep == null ? StepOptions.atMostOncePerRetry() : notifyStep;
  }

  /** Options with the system clock and the default notify-step options. */
  public static ApprovalOptions of(ApprovalLinks links, ApprovalNotifier... notifiers) {
    return new ApprovalOptions(List.of(notifiers), links, null, null);
  }

  /** A copy with another clock. */
  public ApprovalOptions withClock(Clock newClock) {
    return new ApprovalOptions(notifiers, links, newClock, notifyStep);
  }

  /** A copy with other notify-step options (e.g. another retry policy). */
  public ApprovalOptions withNotifyStep(StepOptions options) {
    return new ApprovalOptions(notifiers, links, clock, options);
  }
}
