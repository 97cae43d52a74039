// Saves the engine's PDF case report through a blob URL and a temporary download link.
export function downloadBase64Pdf(fileName: string, pdfBase64: string): void {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(fileName);
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
