package dev.durable.local.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.Durability;
import dev.durable.local.crash.SideEffectLog.Kind;
import dev.durable.local.crash.SideEffectLog.Line;
import dev.durable.local.store.SqliteExecutionStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, item 5, second half: the files a {@code kill -9}ed worker left behind are damaged the
 * way a failing disk or a torn write damages them, and then opened. The store must either refuse
 * with a clear error or recover an <em>earlier, consistent</em> state (every execution, operation,
 * status and result it returns is one the intact store held, and every SUCCEEDED step's result is
 * one its body really returned); it must never return wrong data. Each test says which happened.
 *
 * <p>The store's own tests ({@code store.CorruptionTest}, {@code OpenErrorsTest}) cover a truncated
 * main file (refused at open), files that are not SQLite, databases of other programs and newer
 * schemas, on a synthetic single-execution journal. This test covers damage to the WAL of a real
 * multi-run journal left by a {@code kill -9}ed worker, and also checks what a recovered store
 * returns against the side effects the step bodies really had.
 */
class StoreCorruptionTest {
  private static final String DB = "crash.db";
  private static final String WAL = DB + "-wal";
  private static final int WAL_HEADER = 32;
  private static final int FRAME_HEADER = 24;

  @TempDir
  static Path shared;

  private static Path pristine;
  private static StoreSnapshot intact;
  private static List<Line> effects;

  @TempDir
  Path dir;

  /** Runs a worker on a STRICT store, kills it mid-work, and keeps its files and what they hold. */
  @BeforeAll
  static void writeAJournalAndKillItsWorker() throws Exception {
    pristine = shared.resolve("pristine");
    Files.createDirectories(pristine);
    Path log = shared.resolve("side-effects.log");
    ChildJvm child = ChildJvm.start(CrashWorker.class, shared.resolve("child.out"),
        pristine.resolve(DB).toString(), log.toString(), "0", "6", "work");
    assertThat(child.awaitLine("READY", 20_000)).as("worker output:%n%s", child.output()).isTrue();
    Thread.sleep(2_500);
    assertThat(child.kill9()).isEqualTo(137);
    Files.deleteIfExists(pristine.resolve(DB + "-shm")); // the wal-index is rebuilt from the WAL on open
    assertThat(Files.size(pristine.resolve(WAL))).as("the killed worker's WAL").isGreaterThan(WAL_HEADER + FRAME_HEADER);
    effects = SideEffectLog.read(log);
    Path copy = copyPristine(shared.resolve("intact"));
    try (SqliteExecutionStore store = SqliteExecutionStore.open(copy.resolve(DB), Durability.STRICT)) {
      intact = StoreSnapshot.read(store);
    }
    assertThat(intact.operationCount()).as("operations the killed worker journaled").isPositive();
  }

  @Test
  void garbledWalTailIsRefusedOrRecoveredToAnEarlierConsistentState() throws Exception {
    Path d = copyPristine(dir);
    Path wal = d.resolve(WAL);
    long size = Files.size(wal);
    garble(wal, Math.max(WAL_HEADER, size - 8192), size);
    // SQLite checksums every WAL frame and stops at the first bad one: an earlier state, like a power loss
    assertThat(openAndJudge("WAL tail (last 8 KiB) garbled", d)).isEqualTo(Outcome.RECOVERED_EARLIER_STATE);
  }

  @Test
  void walTornInTheMiddleOfAFrameIsRefusedOrRecoveredToAnEarlierConsistentState() throws Exception {
    Path d = copyPristine(dir);
    Path wal = d.resolve(WAL);
    long frame = FRAME_HEADER + pageSize(wal);
    long frames = (Files.size(wal) - WAL_HEADER) / frame;
    long cut = WAL_HEADER + (frames / 2) * frame + frame / 2;
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.setLength(cut);
    }
    // once the writer has checkpointed, the main file may hold pages newer than the torn WAL's prefix;
    // SQLite then reports the image malformed and the store refuses: both outcomes are honest
    assertThat(openAndJudge("WAL torn after " + frames / 2 + " of " + frames + " frames", d))
        .isIn(Outcome.RECOVERED_EARLIER_STATE, Outcome.REFUSED);
  }

  /**
   * A WAL whose header is damaged is ignored by SQLite as a whole, so a store never checkpointed
   * opens as the empty store its main file holds: every run silently gone. Refusing is the only
   * honest answer (the store can check the WAL header's magic and checksum before SQLite opens it).
   */
  @Test
  void garbledWalHeaderIsRefused() throws Exception {
    Path d = copyPristine(dir);
    garble(d.resolve(WAL), 0, WAL_HEADER);
    assertThat(openAndJudge("WAL header garbled", d)).isEqualTo(Outcome.REFUSED);
  }

  /** What opening a damaged store did. */
  enum Outcome {
    /** It refused, with an error that names the file or the damage. */
    REFUSED,
    /** It opened and returned only data the intact store held (possibly less). */
    RECOVERED_EARLIER_STATE
  }

  /** Opens the damaged store; asserts a clear error or a consistent earlier state, and says which. */
  private static Outcome openAndJudge(String damage, Path d) {
    Path db = d.resolve(DB);
    StoreSnapshot recovered;
    try (SqliteExecutionStore store = SqliteExecutionStore.open(db, Durability.STRICT)) {
      recovered = StoreSnapshot.read(store);
    } catch (RuntimeException e) {
      String message = messages(e);
      System.out.printf("corruption: %s -> refused with a clear error: %s%n", damage, message);
      assertThat(message.toLowerCase(Locale.ROOT)).as("the error names the store or the damage: %s", message)
          .containsAnyOf(DB, "corrupt", "malformed", "not a database", "truncated", "damaged");
      return Outcome.REFUSED;
    }
    List<String> problems = new ArrayList<>(intact.inconsistenciesOf(recovered));
    problems.addAll(resultsNoBodyReturned(recovered));
    System.out.printf("corruption: %s -> opened and returned %d of %d executions, %d of %d operations;"
            + " inconsistencies=%d%n", damage, recovered.executions().size(), intact.executions().size(),
        recovered.operationCount(), intact.operationCount(), problems.size());
    assertThat(problems).as("the recovered store returns only data the intact store held").isEmpty();
    return Outcome.RECOVERED_EARLIER_STATE;
  }

  /** SUCCEEDED steps whose journaled result no body of that step returned (per the side-effect log). */
  private static List<String> resultsNoBodyReturned(StoreSnapshot recovered) {
    List<String> problems = new ArrayList<>();
    for (StoredExecution e : recovered.executions().values()) {
      String run = e.execution().executionName();
      for (OperationRecord r : e.operations()) {
        Operation op = r.operation();
        if (op.type() != OperationType.STEP || op.status() != OperationStatus.SUCCEEDED) {
          continue;
        }
        String result = op.stepDetails().result();
        boolean returned = effects.stream().anyMatch(l -> l.kind() == Kind.E && l.run().equals(run)
            && l.operationId().equals(op.id()) && l.result().equals(result));
        if (!returned) {
          problems.add("step " + run + "/" + op.id() + " (" + op.name() + ") holds result " + result
              + ", which no body returned");
        }
      }
    }
    return problems;
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return sb.toString();
  }

  private static Path copyPristine(Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(pristine)) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }

  /** Overwrites bytes {@code [from, to)} with seeded random bytes that differ from the original. */
  private static void garble(Path file, long from, long to) throws IOException {
    Random random = new Random(from * 31 + to);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      for (long p = from; p < to; p++) {
        f.seek(p);
        int old = f.read();
        f.seek(p);
        f.write((old + 1 + random.nextInt(255)) & 0xff);
      }
    }
  }

  /** The page size from the WAL header (bytes 8..11, big-endian). */
  private static int pageSize(Path wal) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "r")) {
      f.seek(8);
      return f.readInt();
    }
  }
}
