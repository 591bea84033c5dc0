export { BASE as STORE_TERMINAL_PATH, bundleStoreTerminal, storeTerminalRoutes } from './serve.js';
