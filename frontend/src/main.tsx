// Entry point: creates the shared services and mounts the application shell into #app.
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { createServices } from './app/services';
import { App } from './shell/App';

render(<App app={createServices()} />, document.getElementById('app')!);
