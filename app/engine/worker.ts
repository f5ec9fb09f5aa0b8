// Order matters: the page gets the engine's port before the long evaluation of
// webtorrent, and the WebRTC shim must be installed before webtorrent is evaluated.
import { apiPort } from './api-port';
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
expose(new Engine(), apiPort);
