package dev.durable.local.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks made on the store's path before SQLite touches it, so that the common mistakes get an
 * error that names the path and the fix instead of SQLite's "unable to open database file".
 */
final class StoreFiles {
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int WAL_HEADER_BYTES = 32;
  private static final int WAL_FRAME_HEADER_BYTES = 24;

  private StoreFiles() {}

  /** Throws a {@link StoreException} unless {@code file} can hold a store. */
  static void check(Path file) {
    Path folder = file.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new StoreException("Cannot open store " + file + ": the folder " + folder
          + " does not exist. Create it first, or choose a path in an existing folder.");
    }
    if (!writable(folder)) {
      throw new StoreException("Cannot open store " + file + ": the folder " + folder + " is"
          + " read-only. SQLite needs to create its -wal and -shm files next to the store;"
          + " choose a writable folder.");
    }
    if (!Files.exists(file)) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new StoreException("Cannot open store " + file + ": it is a folder, not a file.");
    }
    if (!Files.isReadable(file) || !writable(file)) {
      throw new StoreException("Cannot open store " + file + ": the file is read-only."
          + " Make it writable (the store writes every checkpoint), or choose another file.");
    }
    boolean walHasFrames = checkWalHeader(file, Path.of(file + "-wal"));
    checkHeader(file, walHasFrames);
  }

  /**
   * A write-ahead log whose header is damaged is ignored by SQLite as a whole, including every
   * commit in it that was not yet copied into the main file: the store would open without those
   * runs and say nothing. A WAL shorter than its 32-byte header holds no commit and is harmless.
   *
   * @return true when the WAL holds at least one frame after a valid header
   */
  static boolean checkWalHeader(Path file, Path wal) {
    byte[] h = new byte[WAL_HEADER_BYTES];
    int n;
    long walSize;
    try {
      if (!Files.exists(wal)) {
        return false;
      }
      walSize = Files.size(wal);
      try (InputStream in = Files.newInputStream(wal)) {
        n = in.readNBytes(h, 0, h.length);
      }
    } catch (IOException e) {
      throw new StoreException("Cannot open store " + file + ": reading its write-ahead log " + wal
          + " failed: " + e, e);
    }
    if (n < WAL_HEADER_BYTES) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(h); // header fields are big-endian
    int magic = b.getInt(0);
    boolean bigEndianChecksums = magic == 0x377f0683;
    if (magic != 0x377f0682 && !bigEndianChecksums) {
      throw walDamaged(file, wal, "its header does not start with the WAL magic number");
    }
    long s0 = 0;
    long s1 = 0;
    ByteBuffer words = ByteBuffer.wrap(h, 0, 24).order(bigEndianChecksums
        ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 24; i += 8) {
      s0 = (s0 + Integer.toUnsignedLong(words.getInt(i)) + s1) & 0xffffffffL;
      s1 = (s1 + Integer.toUnsignedLong(words.getInt(i + 4)) + s0) & 0xffffffffL;
    }
    if (s0 != Integer.toUnsignedLong(b.getInt(24)) || s1 != Integer.toUnsignedLong(b.getInt(28))) {
      throw walDamaged(file, wal, "its header checksum does not match");
    }
    long pageSize = Integer.toUnsignedLong(b.getInt(8));
    return walSize >= WAL_HEADER_BYTES + WAL_FRAME_HEADER_BYTES + pageSize;
  }

  private static StoreException walDamaged(Path file, Path wal, String why) {
    return new StoreException("Cannot open store " + file + ": its write-ahead log " + wal
        + " is damaged (" + why + "). SQLite would silently drop every commit in it; the store was"
        + " left untouched. Restore the store and its -wal file from a backup, or move the -wal"
        + " file away to accept losing the commits it holds.");
  }

  /**
   * A non-empty file must start with SQLite's header, and must be as long as the header says.
   * SQLite itself would read the missing pages of a truncated file as zeros, and fail only when
   * a query reaches them; checking here turns that into one clear error at open.
   *
   * <p>Not while the WAL holds frames: a checkpoint copies pages into the main file in page order,
   * page 1 (with the new page count) first, so a crash in the middle of one leaves the file shorter
   * than its header says. That state is sound — every page the checkpoint was copying is still in
   * the WAL, and SQLite reads it from there — so refusing it would refuse a good store.
   */
  private static void checkHeader(Path file, boolean walHasFrames) {
    long size;
    byte[] header = new byte[100];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      size = Files.size(file);
      n = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      throw new StoreException("Cannot open store " + file + ": reading it failed: " + e, e);
    }
    if (n == 0) {
      return; // an empty file becomes a new store
    }
    if (n < header.length || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new StoreException("Cannot open store " + file + ": it is not a SQLite database"
          + " (it does not start with the SQLite header). It was left untouched; choose another"
          + " file.");
    }
    ByteBuffer b = ByteBuffer.wrap(header);
    int pageSize = Short.toUnsignedInt(b.getShort(16));
    long pageSizeBytes = pageSize == 1 ? 65_536 : pageSize;
    long changeCounter = Integer.toUnsignedLong(b.getInt(24));
    long pages = Integer.toUnsignedLong(b.getInt(28));
    long validFor = Integer.toUnsignedLong(b.getInt(92));
    // the in-header page count is authoritative only when written by a SQLite that keeps it valid
    if (!walHasFrames && validFor == changeCounter && pages > 0 && size < pages * pageSizeBytes) {
      throw new StoreException("Cannot open store " + file + ": the file is truncated (its header"
          + " says " + pages + " pages of " + pageSizeBytes + " bytes, but it holds only " + size
          + " bytes). Restore it from a backup; opening it would return incomplete data.");
    }
  }

  /**
   * Write permission as the user means it. Root passes every access check, so a folder or file
   * whose mode grants nobody write access counts as read-only too: someone made it so on purpose.
   */
  private static boolean writable(Path p) {
    if (!Files.isWritable(p)) {
      return false;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      return perms.contains(PosixFilePermission.OWNER_WRITE)
          || perms.contains(PosixFilePermission.GROUP_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      return true; // not POSIX: the access check above is all there is
    }
  }
}
