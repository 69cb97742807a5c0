import type { Example } from './types';

const appPy = `from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Helo from Layer Lab!"
`;

const requirements = `flask==3.0.3
gunicorn==22.0.0
`;

const dockerignore = `.git
__pycache__/
*.pyc
.venv/
`;

const files = {
  'app.py': appPy,
  'requirements.txt': requirements,
  '.dockerignore': dockerignore,
  'README.md': '# hello-flask\n\nA tiny Flask app.\n'
};

const fixTypo = { kind: 'edit', path: 'app.py', find: 'Helo', replace: 'Hello' } as const;
const addDependency = {
  kind: 'edit',
  path: 'requirements.txt',
  find: 'gunicorn==22.0.0\n',
  replace: 'gunicorn==22.0.0\nrequests==2.32.3\n'
} as const;

/** The seed pair, first half: dependencies are installed before the source is copied. */
export const pythonDepsFirst: Example = {
  slug: 'python-deps-first',
  title: 'Python: dependencies first',
  summary:
    'requirements.txt is copied and installed before the source, so a fix in app.py only re-runs the last COPY: about a second instead of the 45 s pip install.',
  dockerfile: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
`,
  files,
  tries: [
    {
      label: 'Fix the typo in app.py',
      edits: [fixTypo],
      rebuilds: [5],
      seconds: [0.5, 2.5],
      lesson: 'Only COPY . . misses: pip install stays cached because requirements.txt did not change.'
    },
    {
      label: 'Add a dependency',
      edits: [addDependency],
      rebuilds: [3, 4, 5],
      seconds: [40, 60],
      lesson: 'requirements.txt changed, so its COPY misses and the install and everything after it rebuild.'
    },
    {
      label: 'Move COPY . . above the install',
      edits: [{ kind: 'move-line', line: 'COPY . .', before: 'COPY requirements.txt .' }],
      rebuilds: [3, 4, 5],
      seconds: [40, 60],
      lesson:
        "Reordering changes each step's parent: the cascade now starts at line 3 and reaches the install."
    }
  ]
};

/** The seed pair, second half: the source is copied before the dependencies are installed. */
export const pythonSourceFirst: Example = {
  slug: 'python-source-first',
  title: 'Python: source first',
  summary:
    'COPY . . comes before pip install, so any edit to any file, even a typo fix, re-runs the 45 s install. Compare with "dependencies first".',
  dockerfile: `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
`,
  files,
  tries: [
    {
      label: 'Fix the typo in app.py',
      edits: [fixTypo],
      rebuilds: [3, 4],
      seconds: [40, 60],
      lesson:
        'The typo fix changes COPY . ., and the install after it rebuilds although requirements.txt is the same.'
    },
    {
      label: 'Edit the README',
      edits: [{ kind: 'edit', path: 'README.md', find: 'tiny', replace: 'small' }],
      rebuilds: [3, 4],
      lesson: 'README.md is not in .dockerignore, so even documentation costs a full install.'
    }
  ]
};
