import { sniffMediaType } from './media-type';

describe('sniffMediaType', () => {
  it.each`
    name                 | bytes                                                               | expected
    ${'PDF'}             | ${Buffer.from('%PDF-1.7\n%âãÏÓ\n')}                                 | ${'application/pdf'}
    ${'PNG'}             | ${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])} | ${'image/png'}
    ${'JPEG'}            | ${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])}                   | ${'image/jpeg'}
    ${'GIF'}             | ${Buffer.from('GIF89a')}                                            | ${null}
    ${'text named .pdf'} | ${Buffer.from('hello, this is not a PDF')}                          | ${null}
    ${'truncated PNG'}   | ${Buffer.from([0x89, 0x50, 0x4e])}                                  | ${null}
    ${'empty'}           | ${Buffer.alloc(0)}                                                  | ${null}
  `('$name → $expected', ({ bytes, expected }) => {
    expect(sniffMediaType(bytes)).toBe(expected);
  });
});
