import type { UnverifiableLookup } from '../cache/cached-registry-lookup.ts';

/** What aos keeps of PyPI's project document. */
export interface PypiProjectInfo {
  name: string;
  /** Every release with at least one file (or listed at all when no files are described). */
  versions: string[];
  /** Releases whose every file is yanked, with the reason when one was given. */
  yanked: Record<string, string | null>;
  /** Earliest upload of any file of any release (ISO time), when known. */
  firstUpload?: string;
  /** `info.version`: the latest release. */
  latest?: string;
}

/** The answer of PyPI about one project. */
export type PypiProjectLookup = { status: 'found'; info: PypiProjectInfo } | { status: 'not_found'; index: string } | UnverifiableLookup;

/** The answer of PyPI about one release. */
export type PypiReleaseLookup =
  { status: 'found'; yanked: boolean; yankedReason: string | null } | { status: 'not_found' } | UnverifiableLookup;

interface PypiFile {
  upload_time_iso_8601?: string;
  upload_time?: string;
  yanked?: boolean;
  yanked_reason?: string | null;
}

/** Digests `GET /pypi/<name>/json`. */
export function digestPypiProject(name: string, document: unknown): PypiProjectInfo {
  const doc = (document ?? {}) as { info?: { version?: unknown }; releases?: Record<string, PypiFile[]> };
  const info: PypiProjectInfo = { name, versions: [], yanked: {} };
  if (typeof doc.info?.version === 'string') info.latest = doc.info.version;
  let first: string | undefined;
  for (const [version, files] of Object.entries(doc.releases ?? {})) {
    info.versions.push(version);
    if (files.length > 0 && files.every((file) => file.yanked === true)) {
      info.yanked[version] = files.find((file) => file.yanked_reason)?.yanked_reason ?? null;
    }
    for (const file of files) {
      const raw = file.upload_time_iso_8601 ?? (file.upload_time === undefined ? undefined : `${file.upload_time}Z`);
      if (raw !== undefined && !Number.isNaN(Date.parse(raw)) && (first === undefined || Date.parse(raw) < Date.parse(first))) first = raw;
    }
  }
  if (first !== undefined) info.firstUpload = new Date(first).toISOString();
  return info;
}
