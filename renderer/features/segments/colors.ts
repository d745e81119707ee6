/**
 * A stable colour per segment (by its id or file), from a palette readable in both themes.
 */
const palette = ['#3b6fd6', '#d4762c', '#2da44e', '#a371f7', '#cf4a8a', '#0f9ba8', '#b8860b', '#e5534b'];

export function segmentColor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return palette[h % palette.length]!;
}
