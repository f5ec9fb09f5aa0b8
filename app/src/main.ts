import { flushSync, mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { stageEarlyVideo } from './engine/early-stage';
import { earlyVideoWaiting } from './engine/early-video';
import { linkManifestWhenQuiet } from './lib/manifest-link';
import { parseRoute } from './lib/routes';
import { prefetchStoredStatus } from './state/stored-torrent.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// A torrent's page shows what is stored (and can play it) before the engine is up: read it while the app mounts.
const route = parseRoute(new URL(location.href));
if (route.name === 'torrent') prefetchStoredStatus(route.infoHash);

// A play link's video shows before the app, where its player will have it (early-stage.ts).
const unstage = await stageEarlyVideo(target);
// A media element's bytes reach its decoder through this thread: an early video's first ones get in before the mount's long task.
if (!unstage && earlyVideoWaiting()) await new Promise((resolve) => setTimeout(resolve, 0));

const app = mount(App, { target });
if (unstage) {
  // The player takes the video in the mount's effects: run them, then drop the emptied stage, before anything is drawn.
  flushSync();
  unstage();
}
linkManifestWhenQuiet();
export default app;
