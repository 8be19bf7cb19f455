/** Offers a blob as a file download (an <a download> click; nothing leaves the browser). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const saveBytes = (bytes: ArrayBuffer, name: string, mime: string): void => saveBlob(new Blob([bytes], { type: mime }), name);
