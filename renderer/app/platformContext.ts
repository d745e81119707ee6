/**
 * The platform (file picking and staging) for components that need it: the import dialog and the
 * window-wide drop target. The API itself is reached only through the store.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Platform } from '../platform/platform';

const PlatformContext = createContext<Platform | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return createElement(PlatformContext.Provider, { value: platform }, children);
}

export function usePlatform(): Platform {
  const p = useContext(PlatformContext);
  if (!p) throw new Error('usePlatform outside PlatformProvider');
  return p;
}
