import { describe, expect, it } from 'vitest';
import { OpenRequests } from './open-requests.ts';

describe('requests to open a file', () => {
  it('keeps the newest request made before the shell is ready, then opens it', () => {
    const requests = new OpenRequests();
    requests.request('/a.md');
    requests.request('/b.md');
    const opened: string[] = [];
    requests.ready((path) => opened.push(path));
    expect(opened).toEqual(['/b.md']);
  });

  it('opens each later request at once', () => {
    const requests = new OpenRequests();
    const opened: string[] = [];
    requests.ready((path) => opened.push(path));
    expect(opened).toEqual([]);
    requests.request('/c.md');
    requests.request('/d.md');
    expect(opened).toEqual(['/c.md', '/d.md']);
  });
});
