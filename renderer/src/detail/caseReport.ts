// Saves the engine's PDF case report (or sealed dossier) through a blob URL and a temporary download link.
export function downloadBase64Pdf(fileName: string, pdfBase64: string): void {
  downloadBase64File(safeFileName(fileName), pdfBase64, 'application/pdf');
}

/** Saves base64 bytes under a plain file name (its extension kept: `.zip` for a dossier). */
export function downloadBase64File(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download =
    fileName
      .replace(/[^\w.\- ]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'download';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Keeps a suggested name to plain characters and a .pdf ending. */
export function safeFileName(name: string): string {
  const base =
    name
      .replace(/[^\w.\- ]+/g, '_')
      .replace(/\.{2,}/g, '.')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'case-report';
  return base.toLowerCase().endsWith('.pdf') ? base : `${base}.pdf`;
}
