// Order matters: the WebRTC shim must be installed before webtorrent is evaluated.
import './rtc/install';
import { expose } from 'comlink';
import { Engine } from './engine';

expose(new Engine());
