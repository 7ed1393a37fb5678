/**
 * Reads a structured answer `{ "variants": [ { "text": "…", … }, … ] }` (or, for one draft,
 * `{ "text": "…", "thread": […] }`, streamed as variant 0) as its raw JSON arrives
 * piece by piece, and hands on the decoded characters of each variant's `text` as they come, with
 * the variant's index. It never parses the whole answer (the provider validates that at the end);
 * it only follows strings, keys and nesting so the renderer can show each variant being written.
 */
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

export class VariantTextStream {
  private stack: ('o' | 'a')[] = [];
  private inString = false;
  private escaped = false;
  private unicode: string | null = null;
  private readingKey = false;
  private expectKey = false;
  private key: string | null = null;
  private keyBuf = '';
  private inVariants = false;
  private variant = -1;
  private emitting = false;
  private out = '';

  constructor(
    private readonly emit: (variant: number, delta: string) => void,
    private readonly shape: 'variants' | 'single' = 'variants',
  ) {
    if (shape === 'single') this.variant = 0;
  }

  push(piece: string): void {
    for (const ch of piece) this.step(ch);
    this.flush();
  }

  private flush(): void {
    if (this.out && this.variant >= 0) this.emit(this.variant, this.out);
    this.out = '';
  }

  private add(s: string): void {
    if (this.readingKey) this.keyBuf += s;
    else if (this.emitting) this.out += s;
  }

  private step(ch: string): void {
    if (this.inString) {
      if (this.unicode !== null) {
        this.unicode += ch;
        if (this.unicode.length === 4) {
          const code = Number.parseInt(this.unicode, 16);
          this.add(Number.isFinite(code) ? String.fromCharCode(code) : '');
          this.unicode = null;
        }
      } else if (this.escaped) {
        this.escaped = false;
        if (ch === 'u') this.unicode = '';
        else this.add(ESCAPES[ch] ?? ch);
      } else if (ch === '\\') this.escaped = true;
      else if (ch === '"') {
        this.inString = false;
        if (this.readingKey) {
          this.key = this.keyBuf;
          this.readingKey = false;
        }
        this.emitting = false;
      } else this.add(ch);
      return;
    }
    const top = this.stack[this.stack.length - 1];
    switch (ch) {
      case '"':
        this.inString = true;
        if (top === 'o' && this.expectKey) {
          this.readingKey = true;
          this.keyBuf = '';
          this.expectKey = false;
        } else {
          this.emitting = this.shape === 'single' ? this.stack.length === 1 && this.key === 'text' : this.inVariants && this.stack.length === 3 && this.key === 'text';
        }
        break;
      case '{':
        if (this.inVariants && this.stack.length === 2) {
          this.flush();
          this.variant++;
        }
        this.stack.push('o');
        this.expectKey = true;
        break;
      case '[':
        if (this.stack.length === 1 && this.key === 'variants') this.inVariants = true;
        this.stack.push('a');
        break;
      case '}':
      case ']':
        this.stack.pop();
        if (this.stack.length < 2) this.inVariants = false;
        break;
      case ',':
        if (top === 'o') this.expectKey = true;
        break;
      default:
        break;
    }
  }
}
