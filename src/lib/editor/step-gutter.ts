/**
 * The status gutter and the hover of the Dockerfile editor. Line infos arrive
 * through an effect whenever a new prediction does; both read the same field.
 */
import { RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import { EditorView, gutter, GutterMarker, hoverTooltip } from '@codemirror/view';
import type { LineInfo, MarkerKind } from './annotations';

export const setLineInfos = StateEffect.define<LineInfo[]>();

const ICONS: Record<MarkerKind, string> = { cached: '✓', built: '↻', skipped: '–', failed: '✕', config: '·' };

class StatusMarker extends GutterMarker {
  constructor(readonly info: LineInfo) {
    super();
  }
  override eq(other: StatusMarker): boolean {
    return other.info.marker === this.info.marker && other.info.title === this.info.title;
  }
  override toDOM(): Node {
    const el = document.createElement('span');
    el.className = `ll-marker ll-marker-${this.info.marker}`;
    el.textContent = ICONS[this.info.marker];
    el.title = this.info.title;
    return el;
  }
}

interface Infos {
  byLine: Map<number, LineInfo>;
  markers: RangeSet<GutterMarker>;
}

function build(
  view: { doc: { lines: number; line(n: number): { from: number } } },
  infos: LineInfo[]
): Infos {
  const byLine = new Map<number, LineInfo>();
  const ranges = [];
  for (const info of infos) {
    if (info.line > view.doc.lines) continue;
    for (let l = info.line; l <= Math.min(info.endLine, view.doc.lines); l++) byLine.set(l, info);
    ranges.push(new StatusMarker(info).range(view.doc.line(info.line).from));
  }
  return { byLine, markers: RangeSet.of(ranges, true) };
}

const infoField = StateField.define<Infos>({
  create: () => ({ byLine: new Map(), markers: RangeSet.empty }),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setLineInfos)) return build(tr.state, e.value);
    // Between predictions, markers follow the text they were made for.
    return tr.docChanged ? { byLine: value.byLine, markers: value.markers.map(tr.changes) } : value;
  }
});

const statusGutter = gutter({
  class: 'll-status-gutter',
  markers: (view) => view.state.field(infoField).markers,
  initialSpacer: () => new StatusMarker({ line: 1, endLine: 1, marker: 'cached', title: '', details: [] })
});

const stepHover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const info = view.state.field(infoField).byLine.get(line.number);
  if (!info) return null;
  return {
    pos: line.from,
    end: line.to,
    above: true,
    create: () => {
      // Built from text nodes only: nothing the person typed is ever parsed as HTML.
      const dom = document.createElement('div');
      dom.className = 'll-hover';
      const head = document.createElement('strong');
      head.textContent = info.title;
      dom.append(head);
      const dl = document.createElement('dl');
      for (const [k, v] of info.details) {
        const dt = document.createElement('dt');
        dt.textContent = k;
        const dd = document.createElement('dd');
        dd.textContent = v;
        dl.append(dt, dd);
      }
      dom.append(dl);
      return { dom };
    }
  };
});

export function stepAnnotations(): Extension {
  return [infoField, statusGutter, stepHover, EditorView.baseTheme({})];
}
