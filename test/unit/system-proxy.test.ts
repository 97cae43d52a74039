/** The Electron shell's reading of Chromium's proxy answer (PAC syntax) into the engine's proxy URL. */
import { describe, expect, it } from 'vitest';
import { proxyUrlFromPac } from '../../electron/main/system-proxy.js';

describe('proxyUrlFromPac', () => {
  it.each([
    ['DIRECT', null],
    ['', null],
    ['PROXY proxy.corp.example:3128', 'http://proxy.corp.example:3128'],
    ['PROXY proxy.corp.example:3128; DIRECT', 'http://proxy.corp.example:3128'],
    ['HTTPS secure.corp.example:443', 'https://secure.corp.example:443'],
    ['SOCKS5 socks.corp.example:1080', 'socks5://socks.corp.example:1080'],
    ['QUIC odd.example:443; PROXY p.example:8080', 'http://p.example:8080'],
    ['DIRECT; PROXY p.example:8080', null],
  ])('%j → %j', (answer, url) => {
    expect(proxyUrlFromPac(answer)).toBe(url);
  });
});
