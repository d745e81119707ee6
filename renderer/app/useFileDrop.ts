/**
 * Files dropped anywhere on the window open the import dialog with the first file.
 * Returns whether a drag is over the window (for the drop overlay).
 */
import { useEffect, useState } from 'react';
import type { PickedFile } from '../platform/files';
import { usePlatform } from './platformContext';

export function useFileDrop(onFile: (file: PickedFile) => void): boolean {
  const { files } = usePlatform();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const first = e.dataTransfer ? files.fromFiles(e.dataTransfer.files)[0] : undefined;
      if (first) onFile(first);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', drop);
    };
  }, [files, onFile]);
  return over;
}
