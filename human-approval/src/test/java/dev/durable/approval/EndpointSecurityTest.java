package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.approval.internal.LinkToken;
import dev.durable.approval.internal.Tokens;
import dev.durable.core.model.OperationStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the endpoint, each against a real run on the embedded runtime: the attack must get
 * the right status and leave the approval undecided (or decided as before).
 */
class EndpointSecurityTest {
  static final RecordingNotifier NOTES = new RecordingNotifier("rec");
  static Stack stack;

  @BeforeAll
  static void up() {
    stack = new Stack(() -> ApprovalRequest.builder("Delete prod database").payload(Map.of("db", "prod"))
        .approvers("lead@example.com", "U0LEAD").timeout(Duration.ofHours(1)).build(), NOTES);
  }

  @AfterAll
  static void down() {
    stack.close();
  }

  /** Starts a run and returns its first notification. */
  static ApprovalMessage run(String name) {
    String arn = stack.start(name);
    Await.until("the notification of " + name, () -> NOTES.sent.stream().anyMatch(m -> m.executionArn().equals(arn)));
    return NOTES.sent.stream().filter(m -> m.executionArn().equals(arn)).findFirst().orElseThrow();
  }

  static OperationStatus status(ApprovalMessage m) {
    return stack.callback(m.executionArn()).orElseThrow().status();
  }

  static HttpResponse<String> post(String link, String token, String action) {
    return Http.postForm(Http.formAction(link), Map.of("t", token, "action", action));
  }

  static String token(String link) {
    return Http.query(link).get("t");
  }

  @Test
  void forgedTokensAreRefused() {
    ApprovalMessage m = run("forged");
    String link = m.pageUrl("lead@example.com", "approve");
    String t = token(link);
    // 1. flip the last signature character
    String flipped = t.substring(0, t.length() - 1) + (t.endsWith("A") ? "B" : "A");
    // 2. same claims signed with another key
    String otherKey = ApprovalLinks.of(stack.base, SigningKey.fromText("another-key-another-key-another-key!!"))
        .pageUrl(m, "lead@example.com", "approve");
    // 3. claims rewritten (approver swapped) keeping the old signature
    String body = new String(Base64.getUrlDecoder().decode(t.substring(0, t.indexOf('.'))));
    String swapped = Base64.getUrlEncoder().withoutPadding().encodeToString(
        body.replace("lead@example.com", "evil@example.com").getBytes()) + t.substring(t.indexOf('.'));
    for (String bad : List.of(flipped, token(otherKey), swapped)) {
      assertThat(post(link, bad, "approve").statusCode()).isEqualTo(403);
      assertThat(Http.get(Http.formAction(link) + "?t=" + Http.enc(bad)).statusCode()).isEqualTo(403);
    }
    assertThat(post(link, "not-a-token", "approve").statusCode()).isEqualTo(400);
    assertThat(post(link, "", "approve").statusCode()).isEqualTo(400);
    assertThat(status(m)).isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void expiredTokensAreRefused() {
    ApprovalMessage m = run("expired");
    String link = m.pageUrl("lead@example.com", "approve");
    stack.skew.set(Duration.ofHours(1).plusSeconds(1));
    try {
      assertThat(post(link, token(link), "approve").statusCode()).isEqualTo(410);
      assertThat(Http.get(link).statusCode()).isEqualTo(410);
    } finally {
      stack.skew.set(Duration.ZERO);
    }
    assertThat(status(m)).isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void aReplayedTokenSeesTheFirstDecisionAndChangesNothing() {
    ApprovalMessage m = run("replayed");
    String link = m.pageUrl("lead@example.com", "approve");
    assertThat(post(link, token(link), "approve").statusCode()).isEqualTo(200);
    HttpResponse<String> replay = post(link, token(link), "reject");
    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.body()).contains("Already decided").contains("Approved by lead@example.com at ");
    assertThat(stack.runtime.await(m.executionArn(), String.class, Duration.ofSeconds(30)))
        .isEqualTo("DONE by lead@example.com");
  }

  @Test
  void aTokenForOneRunCannotDecideAnother() {
    ApprovalMessage a = run("cross-a");
    ApprovalMessage b = run("cross-b");
    String linkA = a.pageUrl("lead@example.com", "approve");
    String linkB = b.pageUrl("lead@example.com", "approve");
    // A's valid token presented at B's address
    assertThat(post(linkB, token(linkA), "approve").statusCode()).isEqualTo(403);
    assertThat(Http.get(Http.formAction(linkB) + "?t=" + Http.enc(token(linkA))).statusCode()).isEqualTo(403);
    // a correctly signed token naming B's callback but A's request hash (a different request)
    Tokens tokens = new Tokens(Stack.KEY);
    String mixed = tokens.sign(new LinkToken(b.executionArn(), b.callbackId(), "0".repeat(64), "lead@example.com",
        Instant.now().plusSeconds(600).getEpochSecond(), "n"));
    assertThat(post(linkB, mixed, "approve").statusCode()).isEqualTo(403);
    // and naming A's run with B's callback id: no such approval in that run
    String wrongRun = tokens.sign(new LinkToken(a.executionArn(), b.callbackId(), b.requestHash(),
        "lead@example.com", Instant.now().plusSeconds(600).getEpochSecond(), "n"));
    assertThat(post(linkB, wrongRun, "approve").statusCode()).isEqualTo(404);
    assertThat(status(a)).isEqualTo(OperationStatus.STARTED);
    assertThat(status(b)).isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void unknownCallbackIdsAre404() {
    ApprovalMessage m = run("unknown");
    String t = new Tokens(Stack.KEY).sign(new LinkToken(m.executionArn(), "no-such-callback", m.requestHash(),
        "lead@example.com", Instant.now().plusSeconds(600).getEpochSecond(), "n"));
    HttpResponse<String> r = Http.postForm(stack.base + "/approval/no-such-callback", Map.of("t", t, "action", "approve"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(status(m)).isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void approversNotOnTheListAreRefused() {
    ApprovalMessage m = run("not-listed");
    // a correctly signed link, but mailed to someone the request does not list
    String link = m.pageUrl("mallory@example.com", "approve");
    assertThat(post(link, token(link), "approve").statusCode()).isEqualTo(403);
    // a Slack button token has no approver of its own: it cannot decide on the web
    String button = m.buttonToken();
    assertThat(post(link, button, "approve").statusCode()).isEqualTo(403);
    assertThat(status(m)).isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void aDoubleClickRecordsOneDecision() throws Exception {
    ApprovalMessage m = run("double-click");
    String link = m.pageUrl("lead@example.com", "approve");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> clicks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String action = i % 2 == 0 ? "approve" : "reject";
        clicks.add(pool.submit(() -> {
          go.await();
          return post(link, token(link), action).statusCode();
        }));
      }
      go.countDown();
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : clicks) {
        codes.add(f.get());
      }
      assertThat(codes).containsOnly(200, 409).filteredOn(c -> c == 200).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    String result = stack.runtime.await(m.executionArn(), String.class, Duration.ofSeconds(30));
    assertThat(result).isIn("DONE by lead@example.com", "SKIPPED by lead@example.com");
  }

  @Test
  void linkScannersThatGetOrHeadDecideNothing() {
    ApprovalMessage m = run("scanner");
    String approve = m.pageUrl("lead@example.com", "approve");
    for (int i = 0; i < 3; i++) {
      assertThat(Http.get(approve).statusCode()).isEqualTo(200);
      assertThat(Http.head(approve).statusCode()).isEqualTo(200);
    }
    assertThat(status(m)).isEqualTo(OperationStatus.STARTED);
  }

  @Test
  void malformedAndOversizedPostsAreRefused() {
    ApprovalMessage m = run("malformed");
    String link = m.pageUrl("lead@example.com", "approve");
    String url = Http.formAction(link);
    String t = Http.enc(token(link));
    assertThat(Http.postRaw(url, "t=" + t + "&action=approve&comment=%zz", "application/x-www-form-urlencoded")
        .statusCode()).isEqualTo(400);
    assertThat(Http.postRaw(url, "t=" + t + "&action=approve&action=reject", "application/x-www-form-urlencoded")
        .statusCode()).isEqualTo(400);
    assertThat(Http.postRaw(url, "{\"t\":1}", "application/json").statusCode()).isEqualTo(415);
    assertThat(Http.postForm(url, Map.of("t", token(link), "action", "delete")).statusCode()).isEqualTo(400);
    HttpResponse<String> longComment = Http.postForm(url, Map.of("t", token(link), "action", "approve",
        "comment", "x".repeat(ApprovalRequest.MAX_COMMENT + 1)));
    assertThat(longComment.statusCode()).isEqualTo(400);
    assertThat(longComment.body()).contains("2001 characters; the limit is 2000");
    assertThat(Http.postRaw(url, "t=" + "a".repeat(70_000), "application/x-www-form-urlencoded").statusCode())
        .isEqualTo(413);
    assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link))
        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(405);
    assertThat(status(m)).isEqualTo(OperationStatus.STARTED);
  }
}
