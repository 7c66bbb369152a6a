import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './content-security-policy.ts';

/** Parses a policy string back into directive → sources, as a browser would. */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('content security policy', () => {
  const policy = parse(CONTENT_SECURITY_POLICY);

  it('denies everything by default', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('allows only bundled scripts: no inline script, no eval, no remote origin', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
  });

  it('blocks plugins, frames, base rewriting, form posts and framing by others', () => {
    for (const directive of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(policy.get(directive), directive).toEqual(["'none'"]);
    }
  });

  it('allows inline styles only where Monaco needs them', () => {
    const inline = [...policy].filter(([, sources]) => sources.includes("'unsafe-inline'")).map(([name]) => name);
    expect(inline).toEqual(['style-src']);
  });

  it('is sent with the other security headers', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('the renderer page', () => {
  it('repeats the header policy in its meta tag (all but frame-ancestors, which a meta tag cannot carry)', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
    expect(meta, 'renderer/index.html has a CSP meta tag').toBeDefined();
    const expected = new Map(parse(CONTENT_SECURITY_POLICY));
    expected.delete('frame-ancestors');
    expect(parse(meta ?? '')).toEqual(expected);
  });
});
