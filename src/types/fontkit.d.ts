// The part of fontkit (pdfkit's font engine) this project uses: parse a TrueType font once.
declare module 'fontkit' {
  export interface Font {
    layout(text: string, ...rest: unknown[]): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
