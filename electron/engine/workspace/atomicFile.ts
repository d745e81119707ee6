/**
 * Atomic writes for workspace files (SPEC §10), for synchronous callers: the one writer of
 * files/atomicWrite.ts (temp in the same folder, fsync, rename, fsync the folder), so its temps
 * carry the one prefix the cleaner knows and a failed write leaves none.
 */
export { writeFileAtomicSync as writeFileAtomic } from '../files/atomicWrite';
