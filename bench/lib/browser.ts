/** Real Chromium, launched as the e2e tests launch it, plus main-thread metering over CDP. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium.ts';
import { pidWithArgument } from './proc-status.ts';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh context (its own IndexedDB and service workers). tsx compiles the
 * bench with keepNames, so functions sent to page.evaluate call `__name`;
 * the page gets a no-op one.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript({ content: NAME_SHIM });
  return context;
}

const NAME_SHIM = 'globalThis.__name = (fn) => fn;';

/**
 * A context whose storage is on disk, as in a user's profile. browser.newContext()
 * is off the record: its IndexedDB lives in the browser's memory, which
 * flattered the app (warm bridge, measured: 94-125 MB/s in memory, 66-83 on
 * disk). Its own Chromium with a fresh profile directory, removed on close
 * unless keepProfile() claimed it. Stock webtorrent's tabs get the same, so
 * both sides run one tab per Chromium. (Loading a page in it first, to warm
 * the browser up, changed nothing measurable: first frame 822/881 ms cold,
 * 888/744 warmed.)
 */
export async function newDiskContext(): Promise<BrowserContext> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'btstream-profile-'));
  const context = await launchProfile(dir, false);
  // After the browser has exited: on 'close' it could still write the profile back.
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options);
    if (!kept.has(dir)) await rm(dir, { recursive: true, force: true });
  };
  profileDirs.set(context, dir);
  return context;
}

/** Profile directories whose owner removes them, not their context's close(). */
const kept = new Set<string>();

/** Keeps a newDiskContext()'s profile past its close, to start Chromium on it again (reopenProfile); the caller removes it. */
export function keepProfile(context: BrowserContext): string {
  const dir = profileDirs.get(context);
  if (!dir) throw new Error('not a context of newDiskContext()');
  kept.add(dir);
  return dir;
}

/** Chromium started afresh on a kept profile, as a user starts the browser again; it keeps the profile on close. */
export function reopenProfile(dir: string, offline: boolean): Promise<BrowserContext> {
  return launchProfile(dir, offline);
}

async function launchProfile(dir: string, offline: boolean): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    offline,
  });
  await context.addInitScript({ content: NAME_SHIM });
  return context;
}

const profileDirs = new WeakMap<BrowserContext, string>();

/** The profile directory of a newDiskContext(): its Chromium's command line names it. */
export function profileDirOf(context: BrowserContext): string | undefined {
  return profileDirs.get(context);
}

/** The browser process of a newDiskContext(), found by its profile directory: the root of its Chromium's process tree. */
export async function browserPidOf(context: BrowserContext): Promise<number> {
  const dir = profileDirs.get(context);
  if (!dir) throw new Error('not a context of newDiskContext()');
  const pid = await pidWithArgument(`--user-data-dir=${dir}`);
  if (pid === null) throw new Error(`no Chromium runs with the profile ${dir}`);
  return pid;
}

export interface MainThreadTime {
  /** Busy time of the page's main thread (CDP TaskDuration), ms. */
  taskMs: number;
  /** Time spent running script on it (CDP ScriptDuration), ms. */
  scriptMs: number;
}

/** Reads the page's main-thread counters now; `stop()` gives the time spent since. */
export async function meterMainThread(page: Page): Promise<{ stop(): Promise<MainThreadTime> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    // CDP reports these in seconds.
    return { taskMs: value('TaskDuration') * 1000, scriptMs: value('ScriptDuration') * 1000 };
  };
  const start = await read();
  return {
    async stop() {
      const end = await read();
      await cdp.detach().catch(() => undefined);
      return { taskMs: end.taskMs - start.taskMs, scriptMs: end.scriptMs - start.scriptMs };
    },
  };
}
