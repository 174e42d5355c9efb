// The title row of a (tag, run) card: the tag, then the run with its colour swatch. Both are
// user data and are rendered as text nodes only.
import type { ComponentChildren } from 'preact';

interface CardHeaderProps {
  tag: string;
  run: string;
  color: string;
  description: string;
  children?: ComponentChildren;
}

export function CardHeader({ tag, run, color, description, children }: CardHeaderProps) {
  return (
    <>
      <div class="card__header">
        <h3 class="card__title" title={description || tag}>
          {tag}
        </h3>
        {children && <div class="card__actions">{children}</div>}
      </div>
      <div class="card__run" title={run}>
        <span class="swatch" style={{ background: color }} aria-hidden="true" />
        <span class="card__run-name">{run}</span>
      </div>
      {description && <p class="card__description">{description}</p>}
    </>
  );
}
