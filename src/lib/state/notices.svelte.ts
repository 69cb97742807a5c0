/** A message for the person about their last action: a refused name, an import summary, a failed save. */
export type Tone = 'info' | 'error';

export interface Notice {
  text: string;
  tone: Tone;
}

export class Notices {
  current = $state<Notice | null>(null);

  note(text: string, tone: Tone = 'info'): void {
    this.current = { text, tone };
  }

  /** Shows the refusal and returns it, for actions that answer with the reason they did nothing. */
  refuse(message: string): string {
    this.note(message, 'error');
    return message;
  }

  clear(): void {
    this.current = null;
  }
}
