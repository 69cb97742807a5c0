import { describe, expect, it } from 'vitest';
import { renderProgress } from './progress';
import { session } from './test-kit';

const df = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nRUN pip install flask\n';

describe("the daemon's plain progress", () => {
  it('BuildKit: numbered vertices, [i/n] labels and CACHED', () => {
    const b = session();
    b(df, { 'app.py': '1' });
    const text = renderProgress(b(df, { 'app.py': '2' }));
    expect(text).toMatch(/^#\d+ \[2\/4\] WORKDIR \/app\n#\d+ CACHED$/m);
    expect(text).toMatch(/^#\d+ \[3\/4\] COPY app\.py \.\n#\d+ DONE \d+\.\ds$/m);
    expect(text).toContain('[internal] load build definition from Dockerfile');
    expect(text).toContain('exporting to image');
  });

  it('legacy: Step i/N and ---> Using cache', () => {
    const b = session({ builder: 'legacy' });
    b(df, { 'app.py': '1' });
    const text = renderProgress(b(df, { 'app.py': '2' }));
    expect(text).toContain('Step 2/4 : WORKDIR /app\n ---> Using cache\n');
    expect(text).toMatch(/Step 4\/4 : RUN pip install flask\n ---> Running in [0-9a-f]{12}\nRemoving intermediate container [0-9a-f]{12}\n ---> [0-9a-f]{12}/);
    expect(text).toMatch(/Successfully built [0-9a-f]{12}$/);
  });

  it('shows where a build failed', () => {
    const b = session();
    const text = renderProgress(b('FROM alpine:3.19\nCOPY missing.txt /x\n', {}));
    expect(text).toMatch(/ERROR: failed to compute cache key: "\/missing.txt" not found/);
  });
});
