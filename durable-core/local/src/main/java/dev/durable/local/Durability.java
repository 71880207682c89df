package dev.durable.local;

/**
 * How hard the embedded store works to keep an acknowledged checkpoint, named by what each mode can
 * lose.
 */
public enum Durability {
  /**
   * The default: every commit is fsynced before the checkpoint is acknowledged (SQLite WAL with
   * {@code synchronous=FULL}). Loses nothing on a process crash or a power loss.
   */
  STRICT,
  /**
   * Commits reach the operating system but are fsynced only at WAL checkpoints ({@code
   * synchronous=NORMAL}). Survives a process crash (kill -9) intact; a power loss or kernel crash may
   * lose the most recent commits (a bounded window, typically well under a second), never corrupting
   * older ones. Several times faster per step.
   */
  RELAXED
}
