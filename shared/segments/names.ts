/**
 * Names of definitions in one workspace (issue 11 item 3). Segments and schemes share ONE
 * namespace: both appear by name side by side in the sidebar, the compare and Over time columns,
 * exports and measurement records, where "Value tiers" the segment and "Value tiers" the scheme
 * could not be told apart. Two names are the same when they are equal after trimming, collapsing
 * runs of white space and ignoring case ("At risk" = " at  RISK "). The engine checks this on
 * create, rename and save (and so on saving a file opened from elsewhere); the builder checks it
 * as the name is typed.
 */

/** The key names are compared by. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface NamedDefinition {
  /** Workspace-relative file, e.g. `segments/activated.segment.json`. */
  file: string;
  kind: 'segment' | 'scheme' | null;
  name: string;
}

/**
 * Why `name` cannot be used by the definition in `self` (null for a new one), or null when it can:
 * empty, or already the name of another definition in `others`.
 */
export function nameProblem(name: string, others: readonly NamedDefinition[], self: string | null): string | null {
  if (nameKey(name) === '') return 'The name is empty. Type a name for it';
  const key = nameKey(name);
  const taken = others.find((o) => o.file !== self && nameKey(o.name) === key);
  if (!taken) return null;
  return (
    `'${taken.name}' is already the name of the ${taken.kind ?? 'definition'} in ${taken.file}; ` +
    'segments and schemes in a workspace need different names (case and spaces do not count). ' +
    'Pick another name, or rename that one first'
  );
}
