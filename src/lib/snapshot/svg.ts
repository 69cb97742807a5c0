/**
 * The layer stack as a standalone SVG for slides: no fonts or images to fetch,
 * every piece of user text escaped. PNG export draws this same SVG on a canvas.
 */
import type { StepStatus } from '../engine/types';
import { statusWords } from '../visualizer/reason-text';

export interface SnapshotStep {
  line: number;
  instruction: string;
  status: StepStatus;
  /** Why, in words. */
  reason: string;
  /** Seconds this step takes in this build. */
  seconds: number;
}

export interface Snapshot {
  title: string;
  subtitle: string;
  steps: SnapshotStep[];
  /** A build that ran (its rebuilt steps say RAN), not a prediction (REBUILDS). */
  ran?: boolean;
}

const W = 1200;
const ROW = 58;
const TOP = 118;
const COLORS: Record<StepStatus, { fg: string; bg: string }> = {
  cached: { fg: '#14532d', bg: '#dcfce7' },
  built: { fg: '#7c2d12', bg: '#ffedd5' },
  skipped: { fg: '#374151', bg: '#e5e7eb' },
  failed: { fg: '#7f1d1d', bg: '#fee2e2' }
};

/** Text as XML character data: nothing in it can become markup. */
export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 does not allow at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function secs(s: number): string {
  return s < 10 ? `${Math.round(s * 10) / 10} s` : `${Math.round(s)} s`;
}

export function renderSvg(snap: Snapshot): string {
  const rows = snap.steps.slice(0, 40);
  const h = TOP + rows.length * ROW + 40;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="Segoe UI, Helvetica, Arial, sans-serif">`,
    `<rect width="${W}" height="${h}" fill="#ffffff"/>`,
    `<text x="40" y="54" font-size="30" font-weight="700" fill="#111827">${escapeXml(clip(snap.title, 70))}</text>`,
    `<text x="40" y="90" font-size="20" fill="#374151">${escapeXml(clip(snap.subtitle, 100))}</text>`
  ];
  rows.forEach((s, i) => {
    const y = TOP + i * ROW;
    const c = COLORS[s.status];
    const word = statusWords(snap.ran ? 'last-build' : 'prediction')[s.status].toUpperCase();
    out.push(
      `<g transform="translate(0 ${y})">`,
      `<rect x="30" y="0" width="${W - 60}" height="${ROW - 6}" rx="8" fill="${s.status === 'built' ? '#fff7ed' : '#f9fafb'}" stroke="#e5e7eb"/>`,
      `<rect x="30" y="0" width="6" height="${ROW - 6}" fill="${c.fg}"/>`,
      `<text x="66" y="25" font-size="16" fill="#6b7280" text-anchor="end">${s.line}</text>`,
      `<text x="80" y="25" font-size="19" font-family="Menlo, Consolas, DejaVu Sans Mono, monospace" fill="#111827">${escapeXml(clip(s.instruction, 66))}</text>`,
      `<text x="80" y="45" font-size="14" fill="#4b5563">${escapeXml(clip(s.reason, 120))}</text>`,
      `<rect x="${W - 250}" y="11" width="120" height="30" rx="15" fill="${c.bg}"/>`,
      `<text x="${W - 190}" y="32" font-size="15" font-weight="700" fill="${c.fg}" text-anchor="middle">${word}</text>`,
      `<text x="${W - 50}" y="32" font-size="17" fill="#374151" text-anchor="end">${s.status === 'built' ? secs(s.seconds) : '—'}</text>`,
      `</g>`
    );
  });
  out.push(
    `<text x="40" y="${h - 14}" font-size="13" fill="#9ca3af">Layer Lab · predicted for Docker 20.10</text>`,
    '</svg>'
  );
  return out.join('\n');
}

/** Draws an SVG on a canvas at `scale` and returns PNG bytes (browser only). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The picture could not be drawn.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = img.width * scale;
    canvas.height = img.height * scale;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('This browser cannot draw on a canvas.');
    g.scale(scale, scale);
    g.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png')
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
