import { e2ePlatform } from '../testing/e2e/harness.js';
import { feedbackLoop } from '../testing/e2e/stories/feedback-loop.js';
import { mergeAndUndo } from '../testing/e2e/stories/merge-undo.js';
import { pointsAcrossChannels } from '../testing/e2e/stories/points-across-channels.js';
import { qrWelcome } from '../testing/e2e/stories/qr-welcome.js';
import { recognisedInAnotherStore } from '../testing/e2e/stories/recognised.js';
import { storeMetricsByBruteForce } from '../testing/e2e/stories/store-metrics.js';
import { legacyOwnersDay } from '../testing/e2e/stories/legacy-owner.js';

/**
 * The seeds' stories through the gateway with role tokens, on the all-in-one process (`npm start`)
 * (`npm run test:e2e`; README "End-to-end stories").
 */
const e2e = e2ePlatform('all-in-one');
recognisedInAnotherStore(e2e);
pointsAcrossChannels(e2e);
qrWelcome(e2e);
feedbackLoop(e2e);
mergeAndUndo(e2e);
storeMetricsByBruteForce(e2e);
legacyOwnersDay(e2e);
