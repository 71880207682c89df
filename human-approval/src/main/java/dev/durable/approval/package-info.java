/**
 * Human approval as a durable operation: {@link dev.durable.approval.Approvals#request} notifies
 * approvers ({@link dev.durable.approval.EmailNotifier}, {@link dev.durable.approval.SlackNotifier},
 * or any {@link dev.durable.approval.ApprovalNotifier}), waits on a durable callback with reminders
 * and escalation on durable timers, and returns a journaled {@link dev.durable.approval.Decision}.
 * Decisions arrive through the {@link dev.durable.approval.ApprovalEndpoint} (or its Lambda
 * function-URL twin, {@link dev.durable.approval.ApprovalFunctionUrlHandler}), which checks signed,
 * expiring links and Slack signatures and completes the callback through a
 * {@link dev.durable.approval.CallbackSink}. Guide: {@code docs/human-approval.md}.
 */
package dev.durable.approval;
