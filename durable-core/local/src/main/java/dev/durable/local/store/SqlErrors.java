package dev.durable.local.store;

import java.sql.SQLException;

/** Turns SQLite's result codes into {@link StoreException}s that name the file and the fix. */
final class SqlErrors {
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int CORRUPT = 11;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int NOTADB = 26;

  private SqlErrors() {}

  /** A {@link StoreException} for {@code e}, raised while {@code doing} (e.g. "reading"). */
  static StoreException translate(SQLException e, String path, String doing) {
    String what = switch (e.getErrorCode() & 0xff) {
      case BUSY, LOCKED -> "the file stayed locked by another process or connection for longer"
          + " than the busy timeout. Retry, or raise SqliteStoreOptions.busyTimeout.";
      case READONLY -> "the file or its folder is read-only. Make both writable.";
      case IOERR -> "the operating system reported an I/O error. Check the disk.";
      case CORRUPT -> "the file is damaged (SQLite reports it malformed). Restore it from a"
          + " backup; nothing was returned from the damaged part.";
      case FULL -> "the disk is full. Free space and retry; the failed write changed nothing.";
      case CANTOPEN -> "SQLite cannot open it (a missing folder, or no permission).";
      case NOTADB -> "it is not a SQLite database. It was left untouched; choose another file.";
      default -> "SQLite said: " + e.getMessage();
    };
    return new StoreException("Store " + path + ": " + doing + " failed: " + what, e);
  }
}
