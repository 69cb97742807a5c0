/**
 * What a rule sees and what it proposes. A rule only rewrites; whether the
 * rewrite keeps the image the same and saves time is checked afterwards
 * (verify.ts), for every rule alike.
 */
import type { Builder } from '../types';
import type { ContextView } from './copy-map';
import type { DockerfileView } from './model';

export type ProposalKind =
  'deps-first' | 'split-copy' | 'install-early' | 'arg-down' | 'cache-mount' | 'metadata-late' | 'combined';

export interface RuleContext {
  view: DockerfileView;
  builder: Builder;
  context: ContextView;
}

export interface Candidate {
  kind: ProposalKind;
  title: string;
  /** Why it saves time and why the image stays the same, in a few sentences. */
  detail: string;
  /** Lines of the original it is about. */
  lines: number[];
  dockerfile: string;
  /** Directories the image comparison leaves out, because the rewrite moves them out of the image on purpose (cache mounts). */
  ignore: string[];
  /**
   * Instructions whose text the rewrite changes (as `instructionKey`s): a figure
   * set for `before` (calibration, the page) carries over to `after`, times `factor`.
   */
  retimed?: Array<{ before: string; after: string; factor: number }>;
}

/** A candidate the rule itself had to give up on, and why (shown to people who wonder why nothing was proposed). */
export interface Skipped {
  kind: ProposalKind;
  lines: number[];
  why: string;
}

export interface RuleResult {
  candidates: Candidate[];
  skipped: Skipped[];
}

/** Instructions a moved RUN may pass without changing what it sees. */
export const STOPS_A_MOVE = new Set(['RUN', 'ENV', 'ARG', 'USER', 'WORKDIR', 'SHELL', 'VOLUME', 'FROM']);
