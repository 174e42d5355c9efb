// Left-pane controls of the text dashboard: tag filter and whether summaries are rendered from
// Markdown or shown as raw text. View state, kept in the URL.
import { TagFilterField } from '../../charts/TagFilterField';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';

export function TextControls({ app }: DashboardProps) {
  const markdown = useStore(app.view, (v) => v.textMarkdown);
  return (
    <section class="controls" aria-label="Text settings">
      <TagFilterField app={app} />
      <label class="check">
        <input
          type="checkbox"
          checked={markdown}
          onChange={(e) => app.view.set({ textMarkdown: (e.target as HTMLInputElement).checked })}
        />
        Render Markdown
      </label>
    </section>
  );
}
