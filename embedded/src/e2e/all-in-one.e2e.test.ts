import { e2ePlatform } from '../testing/e2e/harness.js';
import { allStories } from '../testing/e2e/stories/index.js';

/**
 * The seeds' stories through the gateway with role tokens, on the all-in-one process (`npm start`)
 * (`npm run test:e2e`; README "End-to-end stories").
 */
allStories(e2ePlatform('all-in-one'));
