/** The Node package files lessons 4 and 5 share. */

export const nodePackage =
  '{\n  "name": "web",\n  "scripts": { "build": "tsc" },\n  "dependencies": { "express": "^4.19.2" }\n}\n';

export const nodeLock =
  '{ "lockfileVersion": 3, "packages": { "node_modules/express": { "version": "4.19.2" } } }\n';
