/** Runs work for one key strictly one after another (imports of a workspace: snapshot ids are sequential). */
const tails = new WeakMap<object, Promise<unknown>>();

export function serialized<T>(key: object, work: () => Promise<T>): Promise<T> {
  const prev = tails.get(key) ?? Promise.resolve();
  const next = prev.then(work, work);
  tails.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}
