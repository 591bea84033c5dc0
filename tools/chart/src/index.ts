export { helm, helmBinary, HELM_PACKAGE } from './helm.js';
export { type Manifest, type RenderOptions, CHART, lintChart, renderChart } from './render.js';
export { validateManifest, validateManifests } from './validate.js';
