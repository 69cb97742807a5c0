import { describe, expect, it } from 'vitest';
import { renderSvg } from './svg';

describe('the SVG snapshot', () => {
  it('draws every step with its status, and escapes what people typed', () => {
    const svg = renderSvg({
      title: 'Lesson <script>alert(1)</script>',
      subtitle: '1 of 2 steps rebuild',
      steps: [
        { line: 1, instruction: 'FROM python:3.12-slim', status: 'cached', reason: 'cached', seconds: 0 },
        {
          line: 2,
          instruction: 'RUN echo "<img src=x onerror=alert(1)>" && x',
          status: 'built',
          reason: 'a & b',
          seconds: 45
        }
      ]
    });
    expect(svg).toContain('CACHED');
    expect(svg).toContain('REBUILDS');
    expect(svg).toContain('45 s');
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('a &amp; b');
  });

  it('says what a build that ran did: RAN, not REBUILDS', () => {
    const svg = renderSvg({
      title: 'Last build',
      subtitle: '1 of 2 steps ran',
      ran: true,
      steps: [
        { line: 1, instruction: 'FROM alpine', status: 'cached', reason: 'cached', seconds: 0 },
        { line: 2, instruction: 'RUN make', status: 'built', reason: 'Makefile changed', seconds: 3 }
      ]
    });
    expect(svg).toContain('>RAN<');
    expect(svg).not.toContain('REBUILDS');
  });
});
