// Links from partner payloads (AML hit pages, adverse-media sources) leave the app only as https: the main process
// opens them in the system browser after checking the URL (electron/main/external-links.ts), never inside the app
// window; the renderer's SafeLink makes a link of an https URL only (a new tab with rel="noopener noreferrer" in the
// browser host) and shows anything else as text.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { denyAndOpenExternally, isOpenableExternally } from '../../electron/main/external-links.js';
import { SafeLink } from '../../renderer/src/common/SafeLink.js';

const ACCEPTED = [
  'https://aml.example.org/entities/42',
  'https://news.example.com/articles/12-abc?x=1#top',
  'HTTPS://Sanctions.Example.org/entries/1',
  'https://203.0.113.7:8443/a',
];

const REFUSED = [
  'http://aml.example.org/entities/42',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'file:///etc/passwd',
  'file://server/share/x.exe',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'blob:https://aml.example.org/1234',
  'ftp://example.org/x',
  'smb://server/share',
  'ms-settings:privacy',
  'vscode://file/etc/passwd',
  'app://countersign/index.html',
  'countersign://import?token=x',
  'mailto:someone@example.org',
  'https://user:secret@aml.example.org/',
  'https://user@aml.example.org/',
  'https://:secret@aml.example.org/',
  '//aml.example.org/entities/42',
  '/entities/42',
  'not a url',
  '',
  `https://aml.example.org/${'a'.repeat(4096)}`,
];

const short = (url: string) => (url.length > 80 ? `${url.slice(0, 60)}… (${url.length} characters)` : url);

describe('isOpenableExternally (main process)', () => {
  it.each(ACCEPTED)('opens %s', (url) => {
    expect(isOpenableExternally(url)).toBe(true);
  });

  it.each(REFUSED.map((url) => [short(url), url]))('refuses %s', (_name, url) => {
    expect(isOpenableExternally(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, {}, ['https://aml.example.org/']]) {
      expect(isOpenableExternally(value)).toBe(false);
    }
  });
});

describe('the window-open handler', () => {
  it('denies every new window and hands https links, normalised, to the system browser', () => {
    const open = vi.fn<(url: string) => Promise<void>>(() => Promise.resolve());
    const handler = denyAndOpenExternally(open);
    expect(handler({ url: 'HTTPS://AML.example.org/entities/42' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledExactlyOnceWith('https://aml.example.org/entities/42');
    for (const url of REFUSED) expect(handler({ url })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('survives a system browser that fails to start', async () => {
    const failure = Promise.reject(new Error('no browser'));
    const open = vi.fn(() => failure);
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(denyAndOpenExternally(open)({ url: 'https://aml.example.org/' })).toEqual({ action: 'deny' });
    await failure.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('SafeLink (renderer)', () => {
  it.each(ACCEPTED)('links %s in a new tab without opener or referrer', (url) => {
    const html = renderToStaticMarkup(<SafeLink url={url} />);
    expect(html).toMatch(/^<a /);
    expect(html).toContain('target="_blank"');
    expect(html).toMatch(/rel="[^"]*\bnoopener\b[^"]*"/);
    expect(html).toMatch(/rel="[^"]*\bnoreferrer\b[^"]*"/);
    expect(html).toContain(`href="${new URL(url).href.replace(/&/g, '&amp;')}"`);
  });

  it.each(REFUSED.filter((url) => url !== '').map((url) => [short(url), url]))(
    'shows %s as text only',
    (_name, url) => {
      const html = renderToStaticMarkup(<SafeLink url={url} />);
      expect(html).not.toContain('<a');
      expect(html).not.toContain('href=');
    },
  );
});
