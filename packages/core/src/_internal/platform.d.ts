// Web-platform globals that both Node 20 and browsers provide; core compiles without the DOM
// library (so DOM-only APIs stay out), hence these few declarations.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
