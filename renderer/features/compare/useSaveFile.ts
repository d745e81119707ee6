/**
 * Saving what the compare view built (CSV, PNG, the HTML report) through the platform's export host:
 * a native save dialog in the app, a download in the browser. Answers a short note of where it went
 * (or why it failed) for the view to show for a moment.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { usePlatform } from '../../app/platformContext';
import type { PageFileContent, PageFileKind } from '../../platform/exports';

export function useSaveFile() {
  const { exports } = usePlatform();
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const say = useCallback((text: string, error = false) => {
    setNote({ text, error });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setNote(null), 4000);
  }, []);
  const save = useCallback(
    async (
      name: string,
      kind: PageFileKind,
      content: PageFileContent | (() => PageFileContent | Promise<PageFileContent>),
    ) => {
      try {
        const body = typeof content === 'function' ? await content() : content;
        const where = await exports.saveFile(name, kind, body);
        if (where) say(`Saved ${where}`);
      } catch (err) {
        say(err instanceof Error ? err.message : String(err), true);
      }
    },
    [exports, say],
  );
  return { save, note, say };
}

/** The base64 part of a data URL (what saveFile takes for binary content). */
export function dataUrlBase64(url: string): string {
  const i = url.indexOf(',');
  return i < 0 ? '' : url.slice(i + 1);
}
