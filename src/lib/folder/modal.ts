/** Shows a `<dialog>` as a modal when it mounts: focus moves in, Escape and the backdrop are the browser's. */
export function modal(el: HTMLDialogElement): void {
  if (!el.open) el.showModal();
}
