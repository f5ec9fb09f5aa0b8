/**
 * Maps a CPU profile's call frame (a built script's URL, 0-based line and
 * column) back to the source through the build's .js.map files: the app's
 * own code and its dependencies; a prebuilt bundle with a map of its own
 * (webtorrent.min.js) is mapped a second time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { REPO_ROOT } from './paths.ts';
import type { CallFrame } from './trace-events.ts';

export interface Place {
  /** Source path, shortened: node_modules/… or app/… */
  source: string;
  line: number;
  /** The original name at that position, if the map has one. */
  name: string | null;
}

export class SourceMapper {
  readonly #consumers = new Map<string, SourceMapConsumer | null>();
  readonly #places = new Map<string, Place | null>();

  constructor(private readonly distDir: string) {}

  #consumer(mapFile: string): SourceMapConsumer | null {
    if (!this.#consumers.has(mapFile)) {
      const consumer = existsSync(mapFile)
        ? new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMapConsumer>[0])
        : null;
      this.#consumers.set(mapFile, consumer);
    }
    return this.#consumers.get(mapFile) ?? null;
  }

  #map(mapFile: string, line: number, column: number, depth: number): Place | null {
    const pos = this.#consumer(mapFile)?.originalPositionFor({ line, column });
    if (!pos?.source) return null;
    const webpack = /^webpack:\/\/([^/]+)\/(?:\.\/)?(.*)$/.exec(pos.source);
    if (webpack) {
      const [, bundle = '', inner = ''] = webpack;
      return { source: inner.startsWith('node_modules/') ? inner : `${bundle}/${inner}`, line: pos.line, name: pos.name ?? null };
    }
    const file = locate(path.resolve(path.dirname(mapFile), pos.source));
    if (depth === 0 && existsSync(`${file}.map`)) {
      const inner = this.#map(`${file}.map`, pos.line, pos.column, 1);
      if (inner) return inner;
    }
    return { source: shorten(file), line: pos.line, name: pos.name ?? null };
  }

  /** Where `frame` comes from, or null for a script without a map (or no URL). */
  place(frame: CallFrame): Place | null {
    if (!frame.url || frame.lineNumber === undefined || frame.columnNumber === undefined) return null;
    const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    if (!this.#places.has(key)) {
      const script = path.join(this.distDir, new URL(frame.url, 'http://x').pathname);
      this.#places.set(key, this.#map(`${script}.map`, frame.lineNumber + 1, frame.columnNumber, 0));
    }
    return this.#places.get(key) ?? null;
  }
}

/**
 * A map's relative `sources` point where the build ran (a worker chunk's
 * even from another folder): a node_modules file is looked up in this
 * repository's node_modules if it is not there.
 */
function locate(file: string): string {
  const nm = file.lastIndexOf('/node_modules/');
  if (existsSync(file) || nm < 0) return file;
  return path.join(REPO_ROOT, file.slice(nm + 1));
}

/** node_modules/<pkg>/… or the path inside the repository (app/…, sw/…). */
function shorten(file: string): string {
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) return file.slice(nm + 1);
  const app = /\/(app|sw)\//.exec(file);
  return app ? file.slice(app.index + 1) : file;
}

/** A short label for a source file: svelte's internals grouped, otherwise the package or app path. */
export function sourceGroup(source: string): string {
  const svelte = /node_modules\/svelte\/src\/(internal\/client\/)?([\w-]+)/.exec(source);
  if (svelte) return `svelte ${svelte[2]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1] ?? source;
  return source;
}
