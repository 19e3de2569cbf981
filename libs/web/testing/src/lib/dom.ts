/** Finders by `data-testid` under `root`; `text` folds white space the way a reader sees it. */
export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

/** Types into a text box or text area, or picks an option of a native select, the way a browser reports it. */
export function type(el: HTMLElement | null | undefined, value: string): void {
  if (!el) throw new Error('no such control');
  const field = el as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}
