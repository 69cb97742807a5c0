/** Saves data as a file through the browser's download, without any server. */
export function download(name: string, data: Blob | string, type = 'application/json'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a file the person picked, refusing very large ones before reading them. */
export async function readPicked(
  input: HTMLInputElement,
  maxBytes = 20_000_000
): Promise<string | { error: string }> {
  const f = input.files?.[0];
  input.value = '';
  if (!f) return { error: 'No file was chosen.' };
  if (f.size > maxBytes) return { error: `${f.name} is larger than ${maxBytes / 1e6} MB.` };
  return f.text();
}
