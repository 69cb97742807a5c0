import base from './playwright.config';
import { defineConfig } from '@playwright/test';

export default defineConfig({ ...base, testDir: 'tests/screens', timeout: 60_000 });
