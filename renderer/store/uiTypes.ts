/**
 * The UI slice's state and actions: theme, panel width and folding, engine and connection state.
 */
import type { ApiEvent } from '../../shared/api/protocol';
import type { ConnectionState } from '../platform/rpc.ws';

export type ThemeName = 'light' | 'dark';

export interface EngineStatus {
  state: 'ok' | 'crashed' | 'restarted';
  message: string;
}

export interface UiSlice {
  theme: ThemeName;
  /** 'system' follows the OS until the user picks one. */
  themeSource: 'system' | 'user';
  engine: EngineStatus;
  connection: ConnectionState;
  /** The builder panel's width as the user dragged it (remembered), or null for the default. */
  builderWidth: number | null;
  /** The builder panel folded to a strip beside the grid (remembered). */
  builderCollapsed: boolean;
  toggleTheme(): void;
  setBuilderWidth(width: number | null): void;
  setBuilderCollapsed(collapsed: boolean): void;
  setSystemDark(dark: boolean): void;
  setConnection(state: ConnectionState): void;
  handleEvent(event: ApiEvent): void;
}
