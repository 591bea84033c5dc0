import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app')!;
root.replaceChildren(); // the "loading" line of index.html
render(<App />, root);
