import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { earlyVideoWaiting } from './engine/early-video';
import { parseRoute } from './lib/routes';
import { prefetchStoredStatus } from './state/stored-torrent.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// A torrent's page shows what is stored (and can play it) before the engine is up: read it while the app mounts.
const route = parseRoute(new URL(location.href));
if (route.name === 'torrent') prefetchStoredStatus(route.infoHash);

// A media element's bytes reach its decoder through this thread: an early video's first ones get in before the mount's long task.
if (earlyVideoWaiting()) await new Promise((resolve) => setTimeout(resolve, 0));

export default mount(App, { target });
