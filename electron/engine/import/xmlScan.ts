/**
 * A small streaming XML tokenizer for the parts of an XLSX file: start tags with their attributes,
 * end tags, and text (the five predefined entities and character references decoded; CDATA as text).
 * It is several times faster than a general SAX parser on sheet XML, which is most of an XLSX
 * import's time. Invariants: no DOCTYPE (so no entity can expand), no unknown entity, and no tag or
 * text run longer than `maxRun` characters is ever held; each violation is an XmlScanError.
 * Comments and processing instructions are skipped. Well-formedness beyond that (matching end tags)
 * is not checked: the reader acts on the tags it knows and ignores the rest.
 */

export class XmlScanError extends Error {}

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  text?(text: string): void;
  close(name: string): void;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      if (!(code >= 0 && code <= 0x10ffff)) throw new XmlScanError(`invalid character reference &${e};`);
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlScanError(`unknown entity &${e};`);
    return v;
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Feeds text chunks through the handlers; `end()` checks nothing is left unfinished. */
export class XmlScanner {
  private rest = '';

  constructor(
    private readonly h: XmlHandlers,
    private readonly maxRun: number,
  ) {}

  write(chunk: string): void {
    const s = this.rest + chunk;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text to the chunk's end, less an entity the chunk may have cut ("&am" + "p;").
        const amp = s.lastIndexOf('&');
        const cut = amp >= i && s.indexOf(';', amp) < 0 ? amp : n;
        if (cut > i) this.emitText(s.slice(i, cut));
        i = cut;
        break;
      }
      if (lt > i) {
        // Text before the tag; an entity cut by the chunk end cannot be here (the '<' follows).
        this.emitText(s.slice(i, lt));
        i = lt;
      }
      const close = this.tagEnd(s, lt);
      if (close < 0) break; // the tag continues in the next chunk
      this.tag(s, lt, close);
      i = close + 1;
    }
    this.rest = s.slice(i);
    if (this.rest.length > this.maxRun)
      throw new XmlScanError(`holds a text or tag of more than ${this.maxRun.toLocaleString('en-US')} characters`);
  }

  end(): void {
    if (this.rest.trim() !== '') {
      if (this.rest.includes('<')) throw new XmlScanError('ends inside a tag');
      this.emitText(this.rest);
    }
    this.rest = '';
  }

  private emitText(raw: string): void {
    if (this.h.text && raw.length) this.h.text(decodeEntities(raw));
  }

  /** Index of the '>' that ends the markup starting at `lt` (quotes respected), or -1 if not in `s`. */
  private tagEnd(s: string, lt: number): number {
    const next = s.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const e = s.indexOf('-->', lt + 4);
        return e < 0 ? -1 : e + 2;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const e = s.indexOf(']]>', lt + 9);
        return e < 0 ? -1 : e + 2;
      }
      if (s.length - lt < 9) return -1;
      throw new XmlScanError('declares a DOCTYPE (not allowed in a workbook)');
    }
    if (next === 0x3f /* ? */) {
      const e = s.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 1;
    }
    let q = 0; // the open quote's char code, 0 outside quotes
    for (let j = lt + 1; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (q) {
        if (c === q) q = 0;
      } else if (c === 0x22 || c === 0x27) q = c;
      else if (c === 0x3e) return j;
    }
    return -1;
  }

  private tag(s: string, lt: number, gt: number): void {
    const second = s.charCodeAt(lt + 1);
    if (second === 0x21) {
      if (s.startsWith('<![CDATA[', lt) && this.h.text) this.h.text(s.slice(lt + 9, gt - 2));
      return; // comments
    }
    if (second === 0x3f) return; // <?xml …?> and other processing instructions
    if (second === 0x2f /* / */) {
      this.h.close(s.slice(lt + 2, gt).trim());
      return;
    }
    const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
    const body = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
    let k = 0;
    while (k < body.length && !isSpace(body.charCodeAt(k))) k++;
    const name = body.slice(0, k);
    const attrs: Record<string, string> = {};
    if (k < body.length) {
      ATTR.lastIndex = k;
      for (let m = ATTR.exec(body); m; m = ATTR.exec(body)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
    }
    this.h.open(name, attrs, selfClosing);
    if (selfClosing) this.h.close(name);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
