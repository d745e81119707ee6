/**
 * segwb commands of the segment language (count, measure, export, compile, validate). Placeholder:
 * filled in with the segment engine; the CLI registers whatever this exports.
 */
export const segmentCommands: readonly unknown[] = [];
