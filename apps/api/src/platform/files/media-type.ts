/** Media types recognised by their first bytes ("magic numbers"), never by the name or the client's claim. */
export type SniffedMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: { type: SniffedMediaType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The media type `bytes` start with, or null when it is none of PDF, PNG and JPEG. */
export function sniffMediaType(bytes: Uint8Array): SniffedMediaType | null {
  const match = SIGNATURES.find(({ bytes: sig }) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b));
  return match?.type ?? null;
}
