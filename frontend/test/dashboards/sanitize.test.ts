// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeTextHtml } from '../../src/plugins/text/sanitize';

describe('sanitizeTextHtml', () => {
  it('keeps Markdown formatting and tables', () => {
    const html = '<table>\n<thead>\n<tr>\n<th>metric</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong>1.0</strong></td>\n</tr>\n</tbody>\n</table>';
    expect(sanitizeTextHtml(html)).toBe(html);
  });

  it('removes scripts, event handlers, images and javascript: links', () => {
    const out = sanitizeTextHtml(
      '<p>hi</p><script>window.x=1</script><img src=x onerror="window.y=1"><a href="javascript:alert(1)">l</a><p onclick="z()">p</p>',
    );
    expect(out).toBe('<p>hi</p><a>l</a><p>p</p>');
  });

  it('opens links in a new tab without access to the page', () => {
    expect(sanitizeTextHtml('<a href="https://example.com">e</a>')).toBe(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">e</a>',
    );
  });
});
