/**
 * Theme (follows the OS until the user picks one, then remembered), the builder panel's width and
 * folding (remembered), engine and connection state,
 * and the engine's event stream: progress goes to whichever job it names; an engine restart or a
 * workspace change reloads the sources.
 */
import { PANEL_COLLAPSED_KEY, PANEL_WIDTH_KEY, readStoredWidth } from '../app/panelWidth';
import type { SliceCreator } from './types';
import type { ThemeName, UiSlice } from './uiTypes';

export const THEME_KEY = 'segwb.theme';

export function initialTheme(
  stored: string | null,
  systemDark: boolean,
): { theme: ThemeName; themeSource: 'system' | 'user' } {
  if (stored === 'light' || stored === 'dark') return { theme: stored, themeSource: 'user' };
  return { theme: systemDark ? 'dark' : 'light', themeSource: 'system' };
}

export const createUiSlice: SliceCreator<UiSlice> = (deps) => (set, get) => {
  let lostSinceOpen = false;
  return {
    ...initialTheme(deps.storage?.getItem(THEME_KEY) ?? null, deps.systemPrefersDark()),
    engine: { state: 'ok', message: '' },
    connection: 'connecting',
    builderWidth: readStoredWidth(deps.storage?.getItem(PANEL_WIDTH_KEY) ?? null),
    builderCollapsed: deps.storage?.getItem(PANEL_COLLAPSED_KEY) === 'true',

    setBuilderWidth(width) {
      const w = width === null ? null : Math.round(width);
      // An empty value reads back as no choice (the storage has no remove).
      deps.storage?.setItem(PANEL_WIDTH_KEY, w === null ? '' : String(w));
      set({ builderWidth: w });
    },

    setBuilderCollapsed(collapsed) {
      deps.storage?.setItem(PANEL_COLLAPSED_KEY, String(collapsed));
      set({ builderCollapsed: collapsed });
    },

    toggleTheme() {
      const theme: ThemeName = get().theme === 'dark' ? 'light' : 'dark';
      deps.storage?.setItem(THEME_KEY, theme);
      set({ theme, themeSource: 'user' });
    },

    setSystemDark(dark) {
      if (get().themeSource === 'system') set({ theme: dark ? 'dark' : 'light' });
    },

    setConnection(connection) {
      set({ connection });
      if (connection === 'closed') lostSinceOpen = true;
      // A reconnect may meet a restarted host or engine: reload what the UI shows.
      if (connection === 'open' && lostSinceOpen) {
        lostSinceOpen = false;
        void get().loadWorkspace();
      }
    },

    handleEvent(event) {
      switch (event.kind) {
        case 'progress': {
          const s = get();
          const update = { fraction: event.fraction, message: event.message };
          if (s.viewBuild?.jobId === event.jobId) set({ viewBuild: { ...s.viewBuild, ...update } });
          if (s.importDialog.jobId === event.jobId) set({ importDialog: { ...s.importDialog, progress: update } });
          return;
        }
        case 'engine':
          set({ engine: { state: event.state, message: event.message } });
          if (event.state === 'restarted') void get().loadWorkspace();
          return;
        case 'workspace':
          void get().loadWorkspace();
          return;
      }
    },
  };
};
