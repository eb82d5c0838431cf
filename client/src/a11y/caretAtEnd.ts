/**
 * Focuses a field opened to edit words already there, with the caret after them, as a notes app does. `autoFocus`
 * left it at the start: End on a wrapped card went to the end of its first line, and the edit landed mid-text.
 * Stable (module-level), so as a ref callback it runs when the field mounts, not on every render.
 */
export function focusWithCaretAtEnd(field: HTMLInputElement | HTMLTextAreaElement | null): void {
  if (!field) return;
  field.focus();
  const end = field.value.length;
  field.setSelectionRange(end, end);
}
