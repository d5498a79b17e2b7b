import type { ContextReading } from '../../agents/context/select-context.ts';

const count = (n: number): string => n.toLocaleString('en-US');
const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * One sentence on how much of the tree the context read and why the rest was not, e.g. "Read 812 of
 * 100,000 files (3.1 MB): 98,000 ranked below the top 2,000 by path; 1,188 were excluded by path or
 * size (over 200 KB, lockfiles, generated, binary)." Parts with nothing in them are left out.
 */
export function describeContextReading(reading: ContextReading): string {
  const rest = [
    reading.belowTopByPath > 0 ? `${count(reading.belowTopByPath)} ranked below the top ${count(reading.maxFilesRead)} by path` : '',
    reading.overByteBudget > 0 ? `${count(reading.overByteBudget)} did not fit the ${megabytes(reading.maxBytesRead)} read budget` : '',
    reading.excluded > 0
      ? `${count(reading.excluded)} were excluded by path or size (over 200 KB, lockfiles, generated, minified, binary)`
      : '',
    reading.skipped > 0 ? `${count(reading.skipped)} are symlinks, submodules or secret files` : '',
  ].filter((part) => part !== '');
  const head = `Read ${count(reading.read)} of ${count(reading.listed)} files (${megabytes(reading.readBytes)})`;
  return rest.length === 0 ? `${head}.` : `${head}: ${rest.join('; ')}.`;
}
