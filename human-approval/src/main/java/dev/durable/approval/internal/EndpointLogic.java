package dev.durable.approval.internal;

import dev.durable.approval.ApprovalRequest;
import dev.durable.approval.EndpointConfig;
import dev.durable.approval.internal.HttpExchangeData.Request;
import dev.durable.approval.internal.HttpExchangeData.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approval endpoint, independent of the HTTP server: GET shows, POST decides, Slack posts
 * interactions. Every refusal happens before anything is written.
 */
public final class EndpointLogic {
  /** Largest body accepted: a form with a 2,000-character comment is far below it. */
  public static final int MAX_BODY = 64 * 1024;
  private static final String PREFIX = "/approval/";

  private final EndpointConfig config;
  private final Tokens tokens;
  private final SlackRequests slack;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public EndpointLogic(EndpointConfig config) {
    this.config = config;
    this.tokens = new Tokens(config.signingKey());
    this.slack = config.slackSigningSecret() == null ? null
        : new SlackRequests(config.slackSigningSecret(), config.clock());
  }

  public Response handle(Request req) {
    try {
      if (req.body().length > MAX_BODY) {
        return Response.html(413, Html.error("Request too large", "The request body is over "
            + MAX_BODY + " bytes."));
      }
      String path = req.path() == null ? "/" : req.path();
      if (path.equals("/healthz")) {
        return Response.text(200, "ok");
      }
      if (path.equals("/slack/interactions")) {
        if (!req.method().equals("POST")) {
          return Response.text(405, "POST only");
        }
        if (slack == null) {
          return Response.text(404, "Slack interactions are not configured on this endpoint");
        }
        return slack.handle(req, this);
      }
      if (path.startsWith(PREFIX) && path.length() > PREFIX.length()) {
        String callbackId = URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
        return switch (req.method()) {
          // HEAD and GET are what link scanners send: they only ever see the page
          case "GET", "HEAD" -> show(req, callbackId);
          case "POST" -> decideFromForm(req, callbackId);
          default -> Response.text(405, "GET shows the request, POST decides");
        };
      }
      return Response.html(404, Html.error("Not found", "No such page."));
    } catch (Forms.Malformed e) {
      return Response.html(400, Html.error("Bad request", e.getMessage()));
    } catch (IllegalArgumentException e) {
      return Response.html(400, Html.error("Bad request", "The address is not well-formed."));
    }
  }

  private Response show(Request req, String pathCallbackId) throws Forms.Malformed {
    Map<String, String> q = Forms.parse(req.rawQuery());
    Checked c = check(q.get("t"), pathCallbackId, true);
    if (c.refusal != null) {
      return c.refusal;
    }
    Optional<Verdict> decided = c.view.verdict();
    if (decided.isPresent()) {
      // viewing a decided approval is fine; it shows who decided and how the run is doing
      return Response.html(200, Html.outcome("Already decided", decided.get(), c.view.request().request().title(),
          c.view.runStatus()));
    }
    if (!c.view.pending()) {
      return Response.html(410, Html.error("Too late", "This approval is closed ("
          + c.view.callback().status() + ")."));
    }
    String action = q.get("a");
    return Response.html(200, Html.request(c.view.request(), PREFIX + pathCallbackId, q.get("t"),
        c.token.subject(), action));
  }

  private Response decideFromForm(Request req, String pathCallbackId) throws Forms.Malformed {
    String type = req.header("content-type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return Response.html(415, Html.error("Unsupported form", "Send the form as application/x-www-form-urlencoded."));
    }
    Map<String, String> form = Forms.parse(req.bodyText());
    Checked c = check(form.get("t"), pathCallbackId, true);
    if (c.refusal != null) {
      return c.refusal;
    }
    Outcome o = decide(c, c.token.subject(), form.get("action"), form.get("comment"), "web");
    return Response.html(o.status, o.html);
  }

  /** A decision's outcome for the caller: a status plus a page (web) or a short text (Slack). */
  record Outcome(int status, String html, String text) {}

  record Checked(LinkToken token, JournalView view, Response refusal) {}

  /** Signature, expiry, binding to the URL and the journal; refusal is set if any fails. */
  Checked check(String token, String pathCallbackId, boolean needsSubject) {
    LinkToken t;
    try {
      t = tokens.verify(token);
    } catch (Tokens.Refused r) {
      return refused(r.failure.status, "Link refused", r.failure.message);
    }
    if (pathCallbackId != null && !pathCallbackId.equals(t.callbackId())) {
      return refused(403, "Link refused", "This link belongs to another approval.");
    }
    if (needsSubject && (t.subject() == null || t.subject().isEmpty())) {
      return refused(403, "Link refused", "This token names no approver; use the link from your email.");
    }
    Instant now = config.clock().instant();
    if (t.expired(now)) {
      return refused(410, "Link expired", "This approval link expired at "
          + Instant.ofEpochSecond(t.expiresAt()) + "; the request timed out or was escalated.");
    }
    Optional<JournalView> view = JournalView.find(config.sink().operations(t.executionArn()), t.callbackId());
    if (view.isEmpty()) {
      return refused(404, "Unknown approval", "No approval " + t.callbackId() + " in run " + t.executionArn()
          + " (the run may have been deleted).");
    }
    if (!view.get().request().requestHash().equals(t.requestHash())) {
      return refused(403, "Link refused", "This link was issued for a different request.");
    }
    return new Checked(t, view.get(), null);
  }

  private static Checked refused(int status, String heading, String reason) {
    return new Checked(null, null, Response.html(status, Html.error(heading, reason)));
  }

  Outcome decide(Checked c, String approver, String action, String comment, String channel) {
    ApprovalRequest r = c.view.request().request();
    if (!"approve".equals(action) && !"reject".equals(action)) {
      return error(400, "Bad request", "action must be approve or reject, got "
          + (action == null ? "nothing" : "'" + truncate(action) + "'"));
    }
    ApprovalRequest.Action a = action.equals("approve") ? ApprovalRequest.Action.APPROVE : ApprovalRequest.Action.REJECT;
    if (!r.actions().contains(a)) {
      return error(400, "Bad request", "This request does not offer " + action + ".");
    }
    String note = comment == null || comment.isBlank() ? null : comment.strip();
    if (note != null && !r.actions().contains(ApprovalRequest.Action.COMMENT)) {
      return error(400, "Bad request", "This request does not take comments.");
    }
    if (note != null && note.length() > ApprovalRequest.MAX_COMMENT) {
      return error(400, "Comment too long", "The comment is " + note.length()
          + " characters; the limit is " + ApprovalRequest.MAX_COMMENT + ".");
    }
    if (!r.allows(approver)) {
      return error(403, "Not an approver", approver + " is not on this request's list of approvers.");
    }
    String callbackId = c.token.callbackId();
    // one decision at a time per approval here; the service refuses a second one anyway
    synchronized (locks.computeIfAbsent(callbackId, k -> new Object())) {
      try {
        Outcome already = closed(c.token);
        if (already != null) {
          return already;
        }
        Instant now = config.clock().instant();
        if (!now.isBefore(c.view.request().deadline())) {
          return error(410, "Too late", "The request timed out at " + c.view.request().deadline() + ".");
        }
        Verdict v = new Verdict(a == ApprovalRequest.Action.APPROVE ? Verdict.APPROVED : Verdict.REJECTED,
            approver.trim(), note, now, channel, c.view.request().requestHash());
        try {
          config.sink().succeed(callbackId, Canonical.toJson(v));
        } catch (RuntimeException e) {
          Outcome after = closed(c.token);
          return after != null ? after
              : error(502, "Not recorded", "The decision could not be recorded: " + e.getMessage());
        }
        String heading = v.outcome().equals(Verdict.APPROVED) ? "Approved" : "Rejected";
        return new Outcome(200, Html.outcome(heading + " — thank you", v, r.title(), null),
            heading + " by " + approver + ". The run continues.");
      } finally {
        locks.remove(callbackId);
      }
    }
  }

  /** 409 with who decided, 410 if the wait ended; null while the approval is open. */
  private Outcome closed(LinkToken t) {
    JournalView now = JournalView.find(config.sink().operations(t.executionArn()), t.callbackId()).orElse(null);
    if (now == null) {
      return error(404, "Unknown approval", "The approval is gone.");
    }
    Optional<Verdict> v = now.verdict();
    if (v.isPresent()) {
      String who = (v.get().outcome().equals(Verdict.APPROVED) ? "Approved" : "Rejected") + " by "
          + v.get().approver() + " at " + v.get().at();
      return new Outcome(409, Html.outcome("Already decided", v.get(), now.request().request().title(),
          now.runStatus()),
          "Already decided: " + who + ".");
    }
    if (!now.pending()) {
      return error(410, "Too late", "This approval is closed (" + now.callback().status() + ").");
    }
    return null;
  }

  private static Outcome error(int status, String heading, String reason) {
    return new Outcome(status, Html.error(heading, reason), heading + ": " + reason);
  }

  private static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
