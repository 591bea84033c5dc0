import { e2ePlatform } from './harness.js';
import { feedbackLoop } from './stories/feedback-loop.js';
import { mergeAndUndo } from './stories/merge-undo.js';
import { pointsAcrossChannels } from './stories/points-across-channels.js';
import { qrWelcome } from './stories/qr-welcome.js';
import { recognisedInAnotherStore } from './stories/recognised.js';
import { storeMetricsByBruteForce } from './stories/store-metrics.js';

/**
 * The seeds' stories through the gateway with role tokens, on the multi-process mode (`npm run start:services`)
 * (`npm run test:e2e`; README "End-to-end stories").
 */
const e2e = e2ePlatform('multi-process');
recognisedInAnotherStore(e2e);
pointsAcrossChannels(e2e);
qrWelcome(e2e);
feedbackLoop(e2e);
mergeAndUndo(e2e);
storeMetricsByBruteForce(e2e);
