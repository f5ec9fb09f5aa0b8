// magnet-uri ships no types; this covers the fields we read.
declare module 'magnet-uri' {
  export interface MagnetData {
    xt?: string | string[];
    dn?: string | string[];
    infoHash?: string;
    name?: string;
    announce: string[];
    urlList: string[];
  }
  export function decode(uri: string): MagnetData;
  export function encode(data: { infoHash: string; name?: string; announce?: string[] }): string;
}
