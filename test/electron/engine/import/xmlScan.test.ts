// The XLSX tokenizer (xmlScan.ts): the same events whatever the chunking (every split point of a
// document that has entities, CDATA, comments, a processing instruction, quotes holding '>' and
// self-closing tags), and refusals for what a workbook must not hold.
import { describe, expect, it } from 'vitest';
import { XmlScanError, XmlScanner } from '../../../../electron/engine/import/xmlScan';

function events(chunks: string[], maxRun = 1 << 20): string[] {
  const out: string[] = [];
  let text = '';
  const flush = () => {
    if (text.trim()) out.push(`text:${text}`);
    text = '';
  };
  const s = new XmlScanner(
    {
      open(name, attrs, selfClosing) {
        flush();
        out.push(
          `open:${name}${Object.entries(attrs)
            .map(([k, v]) => ` ${k}=${v}`)
            .join('')}${selfClosing ? ' /' : ''}`,
        );
      },
      text(t) {
        text += t;
      },
      close(name) {
        flush();
        out.push(`close:${name}`);
      },
    },
    maxRun,
  );
  for (const c of chunks) s.write(c);
  s.end();
  flush();
  return out;
}

const doc = `<?xml version="1.0" encoding="UTF-8"?><!-- a > comment --><x:sheet a="1 > 0" b='it&apos;s'><c r="A1" t="s"><v>12</v></c><c r="B1"/><is><t>Tom &amp; Jerry &lt;3 &#233;&#x1F600;</t></is><f><![CDATA[a<b & c]]></f></x:sheet>`;
const expected = [
  "open:x:sheet a=1 > 0 b=it's",
  'open:c r=A1 t=s',
  'open:v',
  'text:12',
  'close:v',
  'close:c',
  'open:c r=B1 /',
  'close:c',
  'open:is',
  'open:t',
  'text:Tom & Jerry <3 é😀',
  'close:t',
  'close:is',
  'open:f',
  'text:a<b & c',
  'close:f',
  'close:x:sheet',
];

describe('XmlScanner', () => {
  it('gives the same events however the text is cut into chunks', () => {
    expect(events([doc])).toEqual(expected);
    for (let i = 1; i < doc.length; i++)
      expect(events([doc.slice(0, i), doc.slice(i)]), `split at ${i}`).toEqual(expected);
    expect(events([...doc])).toEqual(expected);
  });

  it('refuses a DOCTYPE (no entity can expand), an unknown entity, an over-long tag or text, and a cut-off tag', () => {
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'])).toThrow(/DOCTYPE/);
    expect(() => events(['<x>&nbsp;</x>'])).toThrow(/unknown entity &nbsp;/);
    expect(() => events([`<x a="${'y'.repeat(200)}`], 100)).toThrow(XmlScanError);
    expect(() => events(['<x><y'])).toThrow(/ends inside a tag/);
  });
});
