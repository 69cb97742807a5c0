import { describe, expect, it } from 'vitest';
import { describeReason } from '../../../cli/reasons';
import { session, stepAt, type Files } from '../test-kit';

const dotnet = `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app
FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "api.dll"]
`;
const dotnetFiles: Files = { 'api.csproj': '<Project />\n', 'Program.cs': 'Console.WriteLine(1);\n', '.dockerignore': 'bin/\nobj/\n' };

describe('what a RUN the engine does not model writes (real base images)', () => {
  it('an unmodelled RUN whose inputs changed is assumed to produce new output: a COPY --from of it misses, and says so', () => {
    const b = session();
    b(dotnet, dotnetFiles);
    const r = b(dotnet, { ...dotnetFiles, 'Program.cs': 'Console.WriteLine(2);\n' });
    const copy = stepAt(r, 7);
    expect(copy.status).toBe('built');
    expect(copy.reason.kind).toBe('source-output-changed');
    if (copy.reason.kind !== 'source-output-changed') return;
    expect(copy.reason.assumed).toEqual([{ line: 4, command: 'dotnet publish -c Release -o /app', tool: false }]);
    expect(describeReason(copy.reason)).toContain('assumed: RUN output depends on its inputs');
  });

  it('an edit the RUN cannot see (an ignored file) keeps everything cached, and an unchanged rebuild is all cached', () => {
    const b = session();
    b(dotnet, dotnetFiles);
    expect(b(dotnet, dotnetFiles).steps.every((s) => s.status === 'cached' || !s.printed)).toBe(true);
    const r = b(dotnet, { ...dotnetFiles, 'obj/project.assets.json': '{}' });
    expect(stepAt(r, 7).status).toBe('cached');
  });

  it('cp of a glob copies exactly what the glob matches (a Spring Boot repack)', () => {
    const d = `FROM eclipse-temurin:21-jdk AS build
WORKDIR /w
COPY lib/ ./lib/
RUN mkdir -p app/BOOT-INF/classes && cd app && cp ../lib/*.jar BOOT-INF/classes/
FROM eclipse-temurin:21-jre
COPY --from=build /w/app/BOOT-INF/classes /classes
`;
    const files: Files = { 'lib/core.jar': 'core-1', 'lib/notes.txt': 'notes' };
    const b = session();
    b(d, files);
    expect(stepAt(b(d, { ...files, 'lib/notes.txt': 'other notes' }), 6).status).toBe('cached');
    expect(stepAt(b(d, { ...files, 'lib/notes.txt': 'other notes', 'lib/core.jar': 'core-2' }), 6).status).toBe('built');
  });

  it("pip's site-packages follow the requirements, wherever the Python version puts them", () => {
    const d = `FROM python:3.12 AS builder
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
FROM python:3.12-slim
COPY --from=builder /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
COPY . .
`;
    const files: Files = { 'requirements.txt': 'flask==3.0.0\n', 'app.py': 'print(1)\n' };
    const b = session();
    b(d, files);
    expect(stepAt(b(d, { ...files, 'app.py': 'print(2)\n' }), 6).status).toBe('cached');
    const r = b(d, { ...files, 'app.py': 'print(2)\n', 'requirements.txt': 'flask==3.0.3\n' });
    expect(stepAt(r, 6).status).toBe('built');
    expect(r.outcome).toBe('unknown');
  });

  it('pip install --prefix writes where it is told', () => {
    const d = `FROM python:3.12 AS builder
COPY requirements.txt .
RUN pip install --prefix=/install -r requirements.txt
FROM python:3.12-slim
COPY --from=builder /install /usr/local
`;
    const b = session();
    b(d, { 'requirements.txt': 'flask==3.0.0\n' });
    expect(stepAt(b(d, { 'requirements.txt': 'flask==3.0.3\n' }), 5).status).toBe('built');
  });

  it('a reproducible tool rebuilt to identical output keeps the COPY --from cached', () => {
    const d = `FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
FROM node:20-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
`;
    const files: Files = { 'package.json': '{"name":"a"}', 'package-lock.json': '{}', 'index.js': '1' };
    const b = session();
    b(d, files);
    // The manifests are re-copied (the ARG-free COPY rebuilds on a lock edit), npm ci reruns, output identical.
    const r = b(d, { ...files, 'package.json': '{"name":"a"}' , 'index.js': '2' });
    expect(stepAt(r, 8).status).toBe('cached');
    expect(stepAt(b(d, { ...files, 'package-lock.json': '{"v":2}' }), 8).status).toBe('built');
  });
});

describe('whether a COPY --from source exists', () => {
  it('a path only an unmodelled command may have written makes the outcome unknown, naming the command', () => {
    const r = session()(dotnet.replace('COPY --from=build /app .', 'COPY --from=build /app/publish .'), dotnetFiles);
    expect(r.error).toBeNull();
    expect(r.outcome).toBe('unknown');
    expect(r.unknowns).toHaveLength(1);
    expect(r.unknowns[0].range.line).toBe(7);
    expect(r.unknowns[0].message).toContain('dotnet publish -c Release -o /app');
    expect(r.unknowns[0].message).toContain('"/app/publish" not found');
  });

  it('a path a modelled step creates is known: the outcome is success', () => {
    const d = 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api .\nFROM alpine:3.19\nCOPY --from=build /out/api /api\n';
    const r = session()(d, { 'main.go': 'package main' });
    expect(r.outcome).toBe('success');
    expect(r.unknowns).toEqual([]);
  });

  it("a build tool's output names are not known: copying build/ after npm run build is unknown", () => {
    const d = 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/build /usr/share/nginx/html\n';
    const r = session()(d, { 'package.json': '{"scripts":{"build":"react-scripts build"}}', 'src/index.js': '1' });
    expect(r.outcome).toBe('unknown');
    expect(r.unknowns[0].message).toContain('npm run build');
  });

  it("a file of a real image is assumed: the outcome is unknown and names the image", () => {
    const r = session()('FROM alpine:3.19\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx.conf\n', {});
    expect(r.outcome).toBe('unknown');
    expect(r.unknowns[0].message).toContain('nginx:1.27');
  });

  it('a path no step of a scratch stage creates is a predicted failure, not an unknown', () => {
    const d = 'FROM scratch AS assets\nCOPY a.txt /a.txt\nFROM alpine:3.19\nCOPY --from=assets /b.txt /b.txt\n';
    const r = session()(d, { 'a.txt': 'a' });
    expect(r.outcome).toBe('failure');
    expect(r.error?.message).toContain('/b.txt');
    expect(r.unknowns).toEqual([]);
  });
});
