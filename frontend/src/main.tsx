// Entry point: mounts the application shell into #app.
import { render } from 'preact';

function App() {
  return <div>tbx</div>;
}

render(<App />, document.getElementById('app')!);
