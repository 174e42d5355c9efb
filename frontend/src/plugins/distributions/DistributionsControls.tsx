// Left-pane controls of the distributions dashboard: tag filter and horizontal axis (URL state).
import { TagFilterField } from '../../charts/TagFilterField';
import { XAxisField } from '../../charts/XAxisField';
import type { DashboardProps } from '../registry';

export function DistributionsControls({ app }: DashboardProps) {
  return (
    <section class="controls" aria-label="Distribution settings">
      <TagFilterField app={app} />
      <XAxisField app={app} legend="Horizontal axis" />
    </section>
  );
}
