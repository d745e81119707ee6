/**
 * React binding of the store: a context carrying the store and `useWorkbench(selector)`.
 * Components select small slices of state; actions are stable functions on the state.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { WorkbenchStore } from './createWorkbenchStore';
import type { WorkbenchState } from './types';

const StoreContext = createContext<WorkbenchStore | null>(null);

export function WorkbenchProvider({ store, children }: { store: WorkbenchStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function useWorkbenchStore(): WorkbenchStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useWorkbench outside WorkbenchProvider');
  return store;
}

export function useWorkbench<T>(selector: (s: WorkbenchState) => T): T {
  return useStore(useWorkbenchStore(), selector);
}

/** For selectors that build a new object/array each time (shallow-compared). */
export function useWorkbenchShallow<T>(selector: (s: WorkbenchState) => T): T {
  return useStore(useWorkbenchStore(), useShallow(selector));
}

export type { WorkbenchState } from './types';
