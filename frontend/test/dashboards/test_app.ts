// The app's services for a dashboard component under test: the default view and settings, no runs
// yet, and run colours kept in memory.
import { type AppServices, type DataState, DEFAULT_SETTINGS } from '../../src/app/services';
import { RunColors } from '../../src/state/run_colors';
import { Store } from '../../src/state/store';
import { DEFAULT_VIEW } from '../../src/state/view_state';

export function makeApp(): AppServices {
  return {
    view: new Store(DEFAULT_VIEW),
    data: new Store<DataState>({ runs: [], plugins: null, status: null, refresh: 0, error: null }),
    settings: new Store(DEFAULT_SETTINGS),
    colors: new RunColors({ load: () => ({}), save: () => {} }),
  };
}
