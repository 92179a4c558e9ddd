// A cache of per-text results (words of a paragraph, its fingerprint) that stays the same size
// however long the editor runs. Each edit makes a new paragraph text, so a cache bounded by
// its number of entries grows with every keystroke until the bound (20,000 paragraphs of a few
// hundred characters each: hundreds of MB). This one is bounded by the characters of its keys:
// the least recently used entries go first once their total passes the budget.

/** Characters of keys a text cache keeps by default: several long speeches, and the recent versions of what is being edited. */
export const TEXT_CACHE_BUDGET = 500_000;

let defaultBudget = TEXT_CACHE_BUDGET;

/**
 * Sets the budget of every cache made without one of its own (the language server sizes it
 * to the documents open: twice their characters, so their paragraphs stay while old versions
 * of an edited paragraph go, instead of filling 500,000 characters with them).
 */
export function setTextCacheBudget(chars: number): void {
  defaultBudget = Math.max(1, Math.floor(chars));
}

/**
 * The same characters in a string of their own. A paragraph's text is a slice of its
 * document's, and V8 keeps a slice's whole parent alive: a cache of paragraph texts held on
 * to every version of the document that one of them came from (30 MB after 1,500 edits of a
 * 6,000-character draft). Concatenating and slicing again copies just these characters.
 */
function detached(s: string): string {
  return (s + ' ').slice(0, s.length);
}

export class TextCache<V> {
  private readonly entries = new Map<string, V>();
  private chars = 0;
  /** Without a budget of its own, the cache follows setTextCacheBudget. */
  constructor(private readonly ownBudget?: number) {}

  private get budget(): number {
    return this.ownBudget ?? defaultBudget;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for a text, marked as the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (this.entries.has(key)) this.chars -= key.length;
    this.entries.delete(key);
    this.entries.set(detached(key), value);
    this.chars += key.length;
    // Oldest first; the entry just stored stays even if it alone is over the budget.
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.budget || oldest === key) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}
