import type { Example } from './types';

const packageJson = `{
  "name": "hello-node",
  "version": "1.0.0",
  "private": true,
  "scripts": {
    "build": "esbuild src/index.js --bundle --platform=node --outfile=dist/server.js",
    "start": "node dist/server.js"
  },
  "dependencies": {
    "express": "^4.19.2"
  },
  "devDependencies": {
    "esbuild": "^0.23.0"
  }
}
`;

const packageLock = `{
  "name": "hello-node",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "packages": {
    "node_modules/express": { "version": "4.19.2" },
    "node_modules/esbuild": { "version": "0.23.0" }
  }
}
`;

export const nodeLockfile: Example = {
  slug: 'node-lockfile',
  title: 'Node with package-lock',
  summary:
    'package.json and package-lock.json are copied alone so npm ci stays cached while the source changes; node_modules never enters the context thanks to .dockerignore.',
  dockerfile: `FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
ENV NODE_ENV=production
CMD ["node", "dist/server.js"]
`,
  files: {
    'package.json': packageJson,
    'package-lock.json': packageLock,
    'src/index.js': `import express from 'express';\n\nconst app = express();\napp.get('/', (_req, res) => res.send('hello'));\napp.listen(3000);\n`,
    'src/routes.js': `export const routes = ['/'];\n`,
    '.dockerignore': 'node_modules\ndist\n.git\n',
    'node_modules/express/index.js': '// installed locally, never sent to the daemon\n'
  },
  tries: [
    {
      label: 'Edit src/index.js',
      edits: [{ kind: 'edit', path: 'src/index.js', find: "'hello'", replace: "'hello, world'" }],
      rebuilds: [5, 6],
      seconds: [20, 35],
      lesson: 'The source changed: COPY . . and the build rebuild, npm ci (35 s) stays cached.'
    },
    {
      label: 'Bump express in the lock file',
      edits: [{ kind: 'edit', path: 'package-lock.json', find: '"4.19.2"', replace: '"4.21.0"' }],
      rebuilds: [3, 4, 5, 6],
      lesson: 'The lock file is an input of COPY package*.json: npm ci and everything after it rebuild.'
    },
    {
      label: 'Edit a file in node_modules',
      edits: [{ kind: 'edit', path: 'node_modules/express/index.js', find: 'never', replace: 'still never' }],
      rebuilds: [],
      lesson: '.dockerignore excludes node_modules: the daemon never sees the change.'
    },
    {
      label: 'Touch package.json',
      edits: [{ kind: 'touch', path: 'package.json' }],
      rebuilds: [],
      lesson: 'Same bytes, new mtime: Docker keys on content, so nothing rebuilds.'
    }
  ]
};

export const staticSite: Example = {
  slug: 'static-site',
  title: 'Static site with nginx',
  summary:
    'A site built with Node and served by nginx. The nginx config is copied in the final stage, so changing it rebuilds one small layer, not the site.',
  dockerfile: `FROM node:20-alpine AS build
WORKDIR /site
COPY package.json package-lock.json ./
RUN npm ci
COPY src ./src
RUN npm run build

FROM nginx:1.27-alpine
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /site/dist /usr/share/nginx/html
`,
  files: {
    'package.json': `{\n  "name": "site",\n  "private": true,\n  "scripts": { "build": "vite build src --outDir ../dist" },\n  "devDependencies": { "vite": "^5.4.0" }\n}\n`,
    'package-lock.json': `{\n  "name": "site",\n  "lockfileVersion": 3,\n  "packages": { "node_modules/vite": { "version": "5.4.0" } }\n}\n`,
    'src/index.html': `<!doctype html>\n<title>Layer Lab</title>\n<h1>Hello</h1>\n`,
    'src/style.css': `h1 { color: teal; }\n`,
    'nginx.conf': `server {\n  listen 80;\n  root /usr/share/nginx/html;\n  gzip on;\n}\n`,
    '.dockerignore': 'node_modules\ndist\n*.md\n',
    'README.md': '# site\n'
  },
  tries: [
    {
      label: 'Change the nginx config',
      edits: [
        { kind: 'edit', path: 'nginx.conf', find: 'gzip on;', replace: 'gzip on;\n  gzip_types text/css;' }
      ],
      rebuilds: [9, 10],
      lesson: 'Only the final stage rebuilds from the config on; the whole build stage stays cached.'
    },
    {
      label: 'Edit the page',
      edits: [{ kind: 'edit', path: 'src/index.html', find: 'Hello', replace: 'Hello, cache' }],
      rebuilds: [5, 6, 10],
      lesson:
        'The site rebuilds and its new output is copied into the nginx stage; the config layer stays cached.'
    },
    {
      label: 'Edit README.md',
      edits: [{ kind: 'edit', path: 'README.md', find: 'site', replace: 'my site' }],
      rebuilds: [],
      lesson: 'README.md is excluded by *.md, so nothing rebuilds.'
    }
  ]
};
