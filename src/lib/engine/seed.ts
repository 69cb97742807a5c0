/**
 * The seed pair of the compare view: one small Python web app, its
 * dependencies installed before the source is copied (A) and after (B).
 * Over the default day a source edit costs A about 2 s and B about 45 s.
 */
import { defaultDay, type Day } from './day';
import type { BuildContext } from './types';

export interface SeedPair {
  title: string;
  /** Dependencies before the source: a source edit reruns only the last COPY. */
  a: string;
  /** Source before the dependencies: every source edit reinstalls them. */
  b: string;
  context: BuildContext;
  day: Day;
}

const depsFirst = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`;

const sourceFirst = `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`;

/** A fresh copy of the seed pair (plain data; callers may change it). */
export function seedPair(): SeedPair {
  return {
    title: 'Dependencies before the source (A) or after it (B)',
    a: depsFirst,
    b: sourceFirst,
    context: {
      files: {
        Dockerfile: { data: depsFirst },
        '.dockerignore': { data: '.git\n__pycache__/\n*.pyc\n.venv/\n' },
        'requirements.txt': {
          data: 'flask==3.0.3\ngunicorn==22.0.0\nsqlalchemy==2.0.31\nrequests==2.32.3\n'
        },
        'app.py': {
          data: "from flask import Flask, render_template\n\nfrom models import recent_posts\n\napp = Flask(__name__)\n\n\n@app.get('/')\ndef index():\n    return render_template('index.html', posts=recent_posts())\n"
        },
        'models.py': {
          data: 'from sqlalchemy import create_engine\n\nengine = create_engine("sqlite:///blog.db")\n\n\ndef recent_posts():\n    return []\n'
        },
        'templates/index.html': {
          data: '<!doctype html>\n<h1>Blog</h1>\n{% for post in posts %}<article>{{ post.title }}</article>{% endfor %}\n'
        },
        'static/style.css': { data: 'body { font-family: system-ui; }\n' },
        'README.md': { data: '# Blog\n\nRun with `docker build -t blog .`\n' }
      }
    },
    day: defaultDay()
  };
}
