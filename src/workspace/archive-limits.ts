/** What an unpacked repository archive may hold; a bigger or stranger one is refused whole. */
export interface ArchiveLimits {
  /** Entries of any kind (files, directories, links). */
  maxEntries: number;
  /** Sum of the sizes the entries claim, whether written or not. */
  maxTotalBytes: number;
  /** Size one entry may claim; GitHub itself refuses files over 100 MB. */
  maxEntryBytes: number;
  /** Files up to this size are written to disk; bigger ones are listed but read as null. */
  maxStoredFileBytes: number;
  /** Bytes of one repository-relative path. */
  maxPathBytes: number;
}

/** Limits that hold every repository GitHub lets anyone push, with room to spare. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 400_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntryBytes: 100 * 1024 ** 2,
  maxStoredFileBytes: 1_000_000,
  maxPathBytes: 4096,
};
