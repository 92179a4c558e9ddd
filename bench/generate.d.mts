// Types of generate.mjs, for the TypeScript tests that use it.
export function sentence(i: number): string;
export function generatedParagraphs(count: number, start?: number): string[];
export function generatedSpeech(index: number, chars: number, opts?: { shared?: string[] }): string;
