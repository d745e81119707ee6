import { describe, expect, it } from 'vitest';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { THEME_KEY } from '../../../renderer/store/uiSlice';
import { createFakeApi } from '../fakeApi';
import { accounts } from '../fixtures';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('ui slice', () => {
  it('follows the OS until the user picks a theme, then remembers the choice', () => {
    const storage = memoryStorage();
    const store = createWorkbenchStore(createFakeApi({}).client, { storage, systemPrefersDark: () => true });
    expect(store.getState().theme).toBe('dark');
    store.getState().setSystemDark(false);
    expect(store.getState().theme).toBe('light');
    store.getState().toggleTheme();
    expect(store.getState().theme).toBe('dark');
    expect(storage.data.get(THEME_KEY)).toBe('dark');
    store.getState().setSystemDark(false);
    expect(store.getState().theme).toBe('dark');
    const again = createWorkbenchStore(createFakeApi({}).client, { storage, systemPrefersDark: () => false });
    expect(again.getState().theme).toBe('dark');
    expect(again.getState().themeSource).toBe('user');
  });

  it('remembers the builder panel width and folding across restarts; a reset forgets the width', () => {
    const storage = memoryStorage();
    const store = createWorkbenchStore(createFakeApi({}).client, { storage, systemPrefersDark: () => false });
    expect(store.getState().builderWidth).toBeNull();
    expect(store.getState().builderCollapsed).toBe(false);
    store.getState().setBuilderWidth(512.6);
    store.getState().setBuilderCollapsed(true);
    const again = createWorkbenchStore(createFakeApi({}).client, { storage, systemPrefersDark: () => false });
    expect(again.getState().builderWidth).toBe(513);
    expect(again.getState().builderCollapsed).toBe(true);
    again.getState().setBuilderWidth(null);
    const third = createWorkbenchStore(createFakeApi({}).client, { storage, systemPrefersDark: () => false });
    expect(third.getState().builderWidth).toBeNull();
  });

  it('profiles one column at a time; a late answer for another column is dropped', async () => {
    let release: (() => void) | null = null;
    const fake = createFakeApi({
      profileColumn: ({ column }) =>
        new Promise((resolve) => {
          const value = { name: column, type: 'DOUBLE', rows: 10, nulls: 1, distinct: 9, min: 1, max: 9 };
          if (column === 'mrr') release = () => resolve(value);
          else resolve(value);
        }),
    });
    const store = createWorkbenchStore(fake.client);
    store.setState({ tables: [accounts], selectedTable: 'accounts' });
    const slow = store.getState().openProfile('mrr');
    await store.getState().openProfile('signup_date');
    (release as unknown as () => void)();
    await slow;
    expect(store.getState().profile?.column).toBe('signup_date');
    expect(store.getState().profile?.data?.name).toBe('signup_date');
  });
});
