import { MANIFEST_PATH } from '../../shared/app-shell-contract';
import { whenQuiet } from './start-quiet';

/**
 * Links the web app manifest once the page's start is over (start-quiet.ts).
 * Linked from index.html, Chromium fetched and parsed the manifest, then
 * fetched and decoded its icons, during every page's start, first frame
 * included: measured over a link's start (/add to first frame, 3 runs),
 * 490-640 ms of the browser process's main thread with the link, 370-410
 * without; first frame 1864 -> 1687 ms median, 8 interleaved runs each.
 * Install, share target and protocol handlers need it only later.
 */
export function linkManifestWhenQuiet(doc: Document = document): () => void {
  return whenQuiet(() => {
    if (doc.querySelector('link[rel="manifest"]')) return;
    const link = doc.createElement('link');
    link.rel = 'manifest';
    link.href = MANIFEST_PATH;
    doc.head.append(link);
  });
}
