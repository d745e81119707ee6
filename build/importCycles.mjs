// Import cycles among the TypeScript modules under the given folders (type-only imports count: a
// cycle of types is still two modules that cannot be understood apart). Relative imports only.
// `node build/importCycles.mjs electron shared` prints each cycle and exits 1 when there is one.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g;

function tsFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules') tsFiles(full, out);
    } else if (/\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

function resolveImport(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

/** Groups of modules (paths relative to `root`) that import each other, directly or not. */
export function importCycles(root, folders) {
  const graph = new Map();
  for (const f of folders.flatMap((d) => tsFiles(path.resolve(root, d)))) {
    const deps = new Set();
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const r = resolveImport(f, m[1]);
      if (r) deps.add(r);
    }
    graph.set(f, deps);
  }
  // Tarjan's strongly connected components.
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)?.has(v)) groups.push(group.map((g) => path.relative(root, g)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const groups = importCycles(process.cwd(), process.argv.slice(2));
  for (const g of groups) console.log(`import cycle: ${g.join(' <-> ')}`);
  process.exit(groups.length ? 1 : 0);
}
