/**
 * The part of fontkit (pdfkit's font engine, a dependency of its own here) that the receipts use:
 * parsing a font file once, so that every document shares the parsed font.
 */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: string[]): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
