// Entry point: creates the shared services and mounts the application shell into #app.
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { createServices } from './app/services';
import { App } from './shell/App';

// Mounted in a task of its own, so evaluating the bundle and the first render are two shorter
// main-thread tasks instead of one long one.
setTimeout(() => render(<App app={createServices()} />, document.getElementById('app')!), 0);
