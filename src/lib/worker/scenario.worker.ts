/// <reference lib="webworker" />
/** Predicts a whole scenario off the page's thread (to set beside a daemon's recording). One request, one reply. */
import './node-globals';
import { predictScenario, type Builder, type Prediction, type Scenario } from '../engine/index';

self.onmessage = (event: MessageEvent<{ scenario: Scenario; builders: Builder[] }>) => {
  const { scenario, builders } = event.data;
  try {
    const out: Partial<Record<Builder, Prediction>> = {};
    for (const b of builders) out[b] = predictScenario(scenario, b);
    self.postMessage({ ok: true, predictions: out });
  } catch (e) {
    self.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};
