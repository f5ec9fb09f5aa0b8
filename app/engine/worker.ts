// Order matters: the WebRTC shim must be installed before webtorrent is evaluated.
import './rtc/install';
import { expose } from 'comlink';
import { openDb } from '../shared/db';
import { markOnce } from '../shared/timing-marks';
import { Engine } from './engine';

// webtorrent is evaluated: from here the engine waits only for the page's start().
markOnce('engine:loaded');
// start() reads the stored torrents first; a new profile's first open (creating the
// database) takes 20-30 ms here, which can pass while the page is still starting.
openDb().catch(() => {});
expose(new Engine());
