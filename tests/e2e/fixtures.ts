/**
 * Playwright fixtures shared by the specs: the test clip (made once per worker)
 * and a Node seeder for it on the e2e server's tracker (one per test, stopped
 * after the test even if it fails).
 */
import { test as base } from '@playwright/test';
import { createTestVideo, DEFAULT_CLIP, type MediaFile } from '../fixtures/media.ts';
import { startSeeder, type Seeder } from '../fixtures/seeder.ts';
import { ANNOUNCE_URL } from './env.ts';

export const test = base.extend<{ seeder: Seeder }, { media: MediaFile }>({
  media: [
    // Playwright needs the destructuring pattern even when no fixture is used.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(await createTestVideo(DEFAULT_CLIP));
    },
    { scope: 'worker' },
  ],
  seeder: async ({ media }, use) => {
    const seeder = await startSeeder(media.path, ANNOUNCE_URL);
    try {
      await use(seeder);
    } finally {
      await seeder.stop();
    }
  },
});

export { expect } from '@playwright/test';
