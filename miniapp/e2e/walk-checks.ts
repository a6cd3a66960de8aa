import type { Page } from 'playwright-core';

/*
 * What every page a person sees must pass (issue 13): no raw rule id or error code, no text overflowing
 * its box, no short word or label broken across lines, a title bar, no NaN/undefined/null. Run inside the
 * page against the rendered geometry, so a clipped chip or a one-character-per-line label is caught even
 * when the text itself is right.
 */

export type PageFinding = { kind: 'rule-id' | 'error-code' | 'overflow' | 'broken-word' | 'no-title-bar' | 'bad-value'; detail: string };

export async function checkPage(page: Page, opts: { titleBar: boolean }): Promise<PageFinding[]> {
  return page.evaluate((o) => {
    const findings: { kind: string; detail: string }[] = [];
    const vw = window.innerWidth;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
    };
    // Only the page on top of the router's stack (Taro keeps earlier pages hidden in the DOM).
    const pages = [...document.querySelectorAll('.taro_page')].filter((p) => visible(p));
    const root = pages[pages.length - 1] ?? document.body;

    const bar = document.getElementById('taro-navigation-bar');
    if (o.titleBar) {
      const r = bar?.getBoundingClientRect();
      const title = bar?.querySelector('.taro-navigation-bar-title')?.textContent?.trim() ?? '';
      if (!bar || !r || r.height < 30 || !title) findings.push({ kind: 'no-title-bar', detail: `height ${r?.height ?? 0}, title "${title}"` });
      const t = bar?.querySelector<HTMLElement>('.taro-navigation-bar-title');
      if (t && t.scrollWidth > t.clientWidth + 1) findings.push({ kind: 'overflow', detail: `title "${title}" cut off` });
    }

    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.textContent ?? '').trim()) texts.push(n as Text);
    const lineTops = (node: Text, start: number, end: number) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      const tops = new Set<number>();
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
      return tops.size;
    };
    for (const node of texts) {
      const el = node.parentElement;
      if (!el || !visible(el)) continue;
      // Inputs' placeholders and the like live in shadow/pseudo content; text nodes here are what people read.
      const text = node.textContent ?? '';
      const where = `"${text.trim().slice(0, 40)}"`;
      if (/(^|[^A-Za-z])(NaN|undefined|null)([^A-Za-z]|$)/.test(text)) findings.push({ kind: 'bad-value', detail: where });
      // Rule ids as DOMAIN.md writes them: a capital letter or two and a number (F1, E12, O4, C5).
      if (/(^|[^A-Za-z0-9])[A-Z]{1,2}\d{1,2}(?![A-Za-z0-9])/.test(text)) findings.push({ kind: 'rule-id', detail: where });
      if (/(^|[^A-Za-z])[A-Z]{2,}_[A-Z_]{2,}/.test(text)) findings.push({ kind: 'error-code', detail: where });
      // A short label (a chip, a status, a button) must sit on one line; a word of Latin letters or digits
      // must never be split.
      const trimmed = text.trim();
      if (trimmed.length <= 8 && !/\s/.test(trimmed) && el.textContent?.trim() === trimmed && lineTops(node, 0, text.length) > 1) {
        findings.push({ kind: 'broken-word', detail: where });
      } else {
        for (const m of text.matchAll(/[A-Za-z0-9%.:]{2,}/g)) {
          if (lineTops(node, m.index, m.index + m[0].length) > 1) findings.push({ kind: 'broken-word', detail: `${where} at "${m[0]}"` });
        }
      }
      // Overflow: the text's own box wider than its element's clip, or past the viewport's edge.
      const range = document.createRange();
      range.selectNodeContents(node);
      const tr = range.getBoundingClientRect();
      // Inside a box that scrolls sideways (a matrix, a table), text past the edge is reached by scrolling;
      // inside one that cuts it with an ellipsis, the text's range runs on but what shows ends in "…".
      let reached = false;
      for (let b: HTMLElement | null = el; b && b !== root; b = b.parentElement) {
        const s = getComputedStyle(b);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') reached = true;
        if (s.overflowX === 'hidden' && (s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none')) reached = true;
      }
      if (reached) continue;
      if (tr.right > vw + 1 || tr.left < -1)
        findings.push({ kind: 'overflow', detail: `${where} spans ${Math.round(tr.left)}–${Math.round(tr.right)} of ${vw}` });
      else {
        for (let box: HTMLElement | null = el; box && box !== root; box = box.parentElement) {
          const s = getComputedStyle(box);
          if (s.overflowX === 'visible' && s.overflow === 'visible') continue;
          // An intentional ellipsis is not an overflow defect: the box says it truncates.
          if (s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none') break;
          if (s.overflowX === 'auto' || s.overflowX === 'scroll') break;
          const br = box.getBoundingClientRect();
          if (tr.right > br.right + 1 || tr.bottom > br.bottom + 2)
            findings.push({ kind: 'overflow', detail: `${where} clipped by ${box.className.toString().slice(0, 40)}` });
          break;
        }
      }
    }
    return findings;
  }, opts) as Promise<PageFinding[]>;
}
