// A partner-supplied URL: a link only when it is plain http(s), otherwise shown as text. Never javascript:, data:.
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function SafeLink({ url }: { url: string | null | undefined }) {
  if (!url) return null;
  const href = safeHttpUrl(url);
  if (!href) return <span className="common-url-text">{url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="common-url-text">
      {url}
    </a>
  );
}
