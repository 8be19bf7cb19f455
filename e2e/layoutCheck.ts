// What a screen must satisfy at any size from 1024×700 up: every visible control lies within the
// window and is not cut off by a container that clips it, no button's text is cut, no two visible
// controls overlap, the messages cover none, and the header is one row.
import type { Page } from '@playwright/test';

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const problems: string[] = [];
    type Box = { l: number; t: number; r: number; b: number };
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}${text ? ` “${text}”` : (el as HTMLInputElement).name ? ` ${(el as HTMLInputElement).name}` : ''}`;
    };
    const box = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { l: r.left, t: r.top, r: r.right, b: r.bottom };
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return false;
      // the content of a closed <details> has boxes but is not drawn
      if (!el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) return false;
      for (let a: Element | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
      }
      return true;
    };
    /** The part of the window an element can be seen in: the window cut by every ancestor that clips. */
    const view = (el: Element): { clip: Box; scrollsY: boolean } => {
      let clip: Box = { l: 0, t: 0, r: vw, b: vh };
      let scrollsY = false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        if (cs.overflowY === 'auto' || cs.overflowY === 'scroll') scrollsY = true;
        const r = box(a);
        clip = { l: Math.max(clip.l, r.l), t: Math.max(clip.t, r.t), r: Math.min(clip.r, r.r), b: Math.min(clip.b, r.b) };
      }
      return { clip, scrollsY };
    };
    const controls = [...document.querySelectorAll('button, select, input:not([type="hidden"]):not([type="file"]), textarea, summary, [role="tab"], a[href], .qa-rows li, .review-rows li')].filter(shown);
    const inView: { el: Element; b: Box }[] = [];
    for (const el of controls) {
      const b = box(el);
      const { clip, scrollsY } = view(el);
      // scrolled out of its panel: reachable by scrolling, not clipped
      if (scrollsY && (b.b <= clip.t || b.t >= clip.b)) continue;
      if (b.l < clip.l - 1 || b.r > clip.r + 1) problems.push(`${name(el)} is cut at the side (x ${b.l.toFixed(0)}–${b.r.toFixed(0)}, visible ${clip.l.toFixed(0)}–${clip.r.toFixed(0)})`);
      if (!scrollsY && (b.t < clip.t - 1 || b.b > clip.b + 1)) problems.push(`${name(el)} is cut at the top or bottom (y ${b.t.toFixed(0)}–${b.b.toFixed(0)}, visible ${clip.t.toFixed(0)}–${clip.b.toFixed(0)})`);
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)}: its text is cut (${el.scrollWidth} px in ${el.clientWidth} px)`);
      // the part that shows, for the overlap check
      const seen = { l: Math.max(b.l, clip.l), t: Math.max(b.t, clip.t), r: Math.min(b.r, clip.r), b: Math.min(b.b, clip.b) };
      if (seen.r > seen.l && seen.b > seen.t) inView.push({ el, b: seen });
    }
    // no text in the header is cut (the hint, a long tab label)
    for (const el of document.querySelectorAll('.topbar *'))
      if (shown(el) && el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(`header text cut: ${name(el)}`);
    const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.r, b.r) - Math.max(a.l, b.l) - 1) * Math.max(0, Math.min(a.b, b.b) - Math.max(a.t, b.t) - 1);
    for (let i = 0; i < inView.length; i++)
      for (let j = i + 1; j < inView.length; j++) {
        const x = inView[i];
        const y = inView[j];
        if (x.el.contains(y.el) || y.el.contains(x.el)) continue;
        if (overlap(x.b, y.b) > 0) problems.push(`${name(x.el)} and ${name(y.el)} overlap`);
      }
    // the messages cover no control
    const strip = document.querySelector('[data-testid="messages"]');
    if (strip)
      for (const { el, b } of inView) if (!strip.contains(el) && overlap(box(strip), b) > 0) problems.push(`the messages cover ${name(el)}`);
    const header = document.querySelector('.topbar');
    if (header && header.getBoundingClientRect().height > 52) problems.push(`the header is ${header.getBoundingClientRect().height.toFixed(0)} px high (wraps)`);
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px in ${vw})`);
    return problems;
  });
}
