import type { E2E } from '../harness.js';
import { feedbackLoop } from './feedback-loop.js';
import { legacyOwnersDay } from './legacy-owner.js';
import { mergeAndUndo } from './merge-undo.js';
import { pointsAcrossChannels } from './points-across-channels.js';
import { qrWelcome } from './qr-welcome.js';
import { recognisedInAnotherStore } from './recognised.js';
import { storeMetricsByBruteForce } from './store-metrics.js';

/** Every story, in the order the seeds tell them, against one started platform. */
export function allStories(e2e: E2E): void {
  recognisedInAnotherStore(e2e);
  pointsAcrossChannels(e2e);
  qrWelcome(e2e);
  feedbackLoop(e2e);
  mergeAndUndo(e2e);
  storeMetricsByBruteForce(e2e);
  legacyOwnersDay(e2e);
}
