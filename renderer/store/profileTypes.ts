/**
 * The column profile slice's state and actions.
 */
import type { ColumnProfile } from '../../shared/api/dataApi';
import type { UiError } from './errors';

export interface ProfileState {
  column: string;
  status: 'loading' | 'ready' | 'error';
  data: ColumnProfile | null;
  error: UiError | null;
  /** What narrows the profiled rows ("members of Activated · filtered"), or null for all rows. */
  scope?: string | null;
  /** The request (latest wins). */
  key?: string;
}

export interface ProfileSlice {
  profile: ProfileState | null;
  openProfile(column: string): Promise<void>;
  closeProfile(): void;
}
