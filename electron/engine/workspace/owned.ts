/**
 * State a module keeps for one open workspace (caches of its catalog, columns, member keys…),
 * held by the Workspace itself rather than in module-level maps keyed by it: created on first
 * use, one per workspace, dropped when the workspace closes. The module that owns the state
 * declares its slot once; `ws.owned(slot)` gives that workspace's instance.
 */
export interface WorkspaceSlot<T> {
  /** For debugging: what the state is. */
  readonly name: string;
  readonly create: () => T;
}

export function workspaceSlot<T>(name: string, create: () => T): WorkspaceSlot<T> {
  return { name, create };
}

/** The slots of one workspace (Workspace.owned reads through it). */
export class OwnedState {
  private readonly values = new Map<WorkspaceSlot<unknown>, unknown>();

  get<T>(slot: WorkspaceSlot<T>): T {
    if (!this.values.has(slot)) this.values.set(slot, slot.create());
    return this.values.get(slot) as T;
  }

  clear(): void {
    this.values.clear();
  }
}
